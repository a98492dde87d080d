# Start a chat with a LinkedIn Recruiter InMail, a follow-up in 3 days and a CV attached.
# curl writes the multipart body and its boundary itself, so no content type header is set here.
curl --request POST "${POSTPRESS_BASE_URL:-https://api.postpress.ai}/api/v1/chats" \
  --header "X-API-KEY: $POSTPRESS_API_KEY" \
  --form 'account_id=acc_01HXYZ4QK3WJ8FN3M6QH7TZ8GR' \
  --form 'attendees_ids[]=ACoAACr-1eYBl0mGr3a9iH2DmZk6Bz1LZq8' \
  --form 'attendees_ids[]=ACoAAB9x2kQBz7TnLp0cW4rS1uVe5Yh3MdI' \
  --form 'subject=Senior Backend Engineer at Acme' \
  --form 'text=Hi! Your profile stood out for our backend role. Open to a chat?' \
  --form 'linkedin[api]=recruiter' \
  --form 'linkedin[follow_up][subject]=Following up on the backend role' \
  --form 'linkedin[follow_up][text]=Just checking whether you saw my message.' \
  --form 'linkedin[follow_up][scheduled_time][days]=3' \
  --form 'linkedin[follow_up][scheduled_time][timezone]=Europe/Paris' \
  --form 'attachments=@./cv.pdf'
