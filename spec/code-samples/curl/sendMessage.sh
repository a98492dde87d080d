# Reply in a chat (the chat_id returned by startChat) with a file attached.
# curl writes the multipart body and its boundary itself, so no content type header is set here.
curl --request POST "${POSTPRESS_BASE_URL:-https://api.postpress.ai}/api/v1/chats/chat_01HXYZ4QK3WJ8FN3M6QH7TZ8GR/messages" \
  --header "X-API-KEY: $POSTPRESS_API_KEY" \
  --form 'text=Got it - thanks!' \
  --form 'attachments=@./cv.pdf'
