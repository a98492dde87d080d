// src/errors.ts
var str = (value) => typeof value === "string" && value.trim() ? value.trim() : void 0;
var num = (value) => typeof value === "number" && Number.isFinite(value) ? value : void 0;
function retryAdvice(status, retryable, retryAfter) {
  if (retryable)
    return `Retrying later can help: the API did not process the request${retryAfter ? ` (it asked to wait: Retry-After ${retryAfter})` : ""}.`;
  if (status === void 0 || status >= 500)
    return "Retrying later may help, but the API may already have processed the request: check the chat before sending again, or the message may be sent twice.";
  return "Retrying the same request will not help: it was refused, nothing was sent; resolve the cause above first.";
}
function describeError(tool, error, response) {
  const head = `${tool.name} failed:`;
  const retryAfter = response?.headers.get("retry-after");
  const kind = str(error.kind);
  const status = num(error.status) ?? num(error.httpStatus) ?? (response ? response.status : void 0);
  const documented = status === void 0 ? void 0 : tool.errors[String(status)];
  const retryable = typeof error.retryable === "boolean" ? error.retryable : documented?.retryable ?? false;
  const title = str(error.title);
  const detail = str(error.detail);
  const detailText = detail ? ` Detail: ${detail}` : "";
  if (kind === "api" || kind === void 0 && str(error.type)) {
    const type = str(error.type) ?? "unknown type";
    const meaning = documented?.types[type];
    return [
      `${head} HTTP ${status ?? "?"} ${type}${title ? ` (${title})` : ""}.`,
      meaning ? ` Meaning: ${meaning}` : "",
      documented ? ` ${documented.description}` : "",
      detailText,
      ` ${retryAdvice(status, retryable, retryAfter)}`
    ].join("");
  }
  if (kind === "undocumented") {
    const type = str(error.errorType) ?? "unknown type";
    return `${head} HTTP ${status ?? "?"} ${type}${title ? ` (${title})` : ""}, an error type the spec does not document for ${tool.name}.${documented ? ` ${documented.description}` : ""} ${retryAdvice(status, retryable, retryAfter)}`;
  }
  if (kind === "invalid_request")
    return `${head} refused before sending: ${str(error.message) ?? "invalid request"}. Nothing was sent; fix the arguments.`;
  if (kind === "invalid_response")
    return `${head} HTTP ${status ?? "?"} with an answer that is not the API's (${str(error.reason) ?? "unreadable"}). ` + retryAdvice(status, retryable, retryAfter);
  if (kind === "abort") return `${head} the call was cancelled (${str(error.message) ?? "aborted"}).`;
  return `${head} ${kind ?? "error"}: ${str(error.message) ?? "no details"}. ${retryAdvice(void 0, retryable)}`;
}

// src/files.ts
import { openAsBlob } from "fs";
import { realpath, stat } from "fs/promises";
import { basename, delimiter, isAbsolute, relative, resolve } from "path";
import mime from "mime-types";
var FILE_ROOTS_ENV = "POSTPRESS_MCP_FILE_ROOTS";
var FileRefusedError = class extends Error {
  name = "FileRefusedError";
};
function parseFileRoots(value) {
  return (value ?? "").split(delimiter).map((entry) => entry.trim()).filter(Boolean);
}
async function resolveFileRoots(roots) {
  const real = [];
  const problems = [];
  for (const root of roots) {
    if (!isAbsolute(root)) {
      problems.push(`${FILE_ROOTS_ENV}: ${JSON.stringify(root)} is not an absolute path; ignored`);
      continue;
    }
    try {
      const path = await realpath(root);
      if ((await stat(path)).isDirectory()) real.push(path);
      else problems.push(`${FILE_ROOTS_ENV}: ${root} is not a directory; ignored`);
    } catch {
      problems.push(`${FILE_ROOTS_ENV}: ${root} does not exist; ignored`);
    }
  }
  return { roots: real, problems };
}
var inside = (root, path) => {
  const rel = relative(root, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
};
async function readAllowedFile(input, roots) {
  if (roots.length === 0)
    throw new FileRefusedError(
      `File arguments are disabled: this server reads files only from directories listed in ${FILE_ROOTS_ENV} (separated by "${delimiter}"), and none is set. Ask the user to add, in this MCP server's configuration, "env": { "${FILE_ROOTS_ENV}": "/path/to/a/folder" } and to restart the server.`
    );
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input))
    throw new FileRefusedError(`${input}: URLs are not fetched; give the path of a local file.`);
  const [first] = roots;
  const candidate = isAbsolute(input) ? input : resolve(first, input);
  const outside = () => new FileRefusedError(
    `${input} is outside the directories this server may read (${roots.join(", ")}, from ${FILE_ROOTS_ENV}); copy the file into one of them, or ask the user to add its directory to that list.`
  );
  let real;
  try {
    real = await realpath(candidate);
  } catch {
    if (!roots.some((root) => inside(root, resolve(candidate)))) throw outside();
    throw new FileRefusedError(`${input}: no such file.`);
  }
  if (!roots.some((root) => inside(root, real))) throw outside();
  if (!(await stat(real)).isFile()) throw new FileRefusedError(`${input} is not a regular file.`);
  const name = basename(candidate);
  return new File([await openAsBlob(real)], name, { type: mime.lookup(name) || "application/octet-stream" });
}

// src/generated/tools.ts
var tools = [
  {
    "name": "start_chat",
    "title": "Start a new chat",
    "description": "Start a new chat (`POST /api/v1/chats`).\n\nStart a new conversation with one or more attendees, from one of your connected accounts.\nThe body is sent as `multipart/form-data` so files can travel with the text fields.\n\nWire format: string arrays as repeated `name[]` parts (`attendees_ids[]=\u2026`), files as\nrepeated parts under the plain field name (`attachments=@cv.pdf`), and the nested\n`linkedin` object in bracket notation (`linkedin[api]=classic`, `linkedin[inmail]=true`,\n`linkedin[follow_up][scheduled_time][days]=3`). Some interactive API clients render the\nnested object incorrectly in generated snippets; the samples on this page do not.\n\nThis acts for the user on a real account and reaches real people; it cannot be undone. Confirm the recipients and the text with the user first; `dry_run: true` shows what would be sent.\nFile fields (attachments, voice_message, video_message, linkedin.follow_up.attachments) take local file paths under the directories in POSTPRESS_MCP_FILE_ROOTS.\nOn success (The chat was started and its first message sent), the ids come back as structured content. An error comes back as a tool error naming its HTTP status, its type, what it means and whether retrying later can help.",
    "operationId": "startChat",
    "method": "POST",
    "path": "/api/v1/chats",
    "pathParams": [],
    "inputSchema": {
      "type": "object",
      "properties": {
        "account_id": {
          "description": "ID of the connected account (LinkedIn, WhatsApp, mail\u2026) the chat is started from.",
          "type": "string",
          "minLength": 1,
          "examples": [
            "acc_01HXYZ4QK3WJ8FN3M6QH7TZ8GR"
          ]
        },
        "attendees_ids": {
          "description": "Provider IDs of the people to start the chat with (one or more). Sent as one part per ID\nnamed `attendees_ids[]`: `attendees_ids[]=ACoAACr-1eYBl\u2026`.",
          "type": "array",
          "minItems": 1,
          "examples": [
            [
              "ACoAACr-1eYBl0mGr3a9iH2DmZk6Bz1LZq8"
            ]
          ],
          "items": {
            "description": "A provider ID of an attendee.",
            "type": "string"
          }
        },
        "text": {
          "description": "Text of the first message.",
          "type": "string",
          "examples": [
            "Hey! Interested in chatting about your role."
          ]
        },
        "subject": {
          "description": "Subject of the first message, for providers that have one (mail, InMail).",
          "type": "string"
        },
        "attachments": {
          "description": "Files attached to the first message. Sent as one part per file under the plain name\n`attachments` (`attachments=@cv.pdf`), each with its filename and content type. Give a list of local file paths.",
          "type": "array",
          "items": {
            "type": "string",
            "minLength": 1,
            "description": "A local file path under a directory listed in POSTPRESS_MCP_FILE_ROOTS (absolute, or relative to its first directory); URLs are not fetched. Sent with its file name and a content type from its extension."
          }
        },
        "voice_message": {
          "type": "string",
          "minLength": 1,
          "description": "An audio file sent as a voice message, as one part named `voice_message`. A local file path under a directory listed in POSTPRESS_MCP_FILE_ROOTS (absolute, or relative to its first directory); URLs are not fetched. Sent with its file name and a content type from its extension."
        },
        "video_message": {
          "type": "string",
          "minLength": 1,
          "description": "A video file sent as a video message, as one part named `video_message`. A local file path under a directory listed in POSTPRESS_MCP_FILE_ROOTS (absolute, or relative to its first directory); URLs are not fetched. Sent with its file name and a content type from its extension."
        },
        "linkedin": {
          "description": "LinkedIn-specific options, one of three shapes chosen by `api`: Classic (`api: classic`,\nthe default when `api` is absent), Recruiter (`api: recruiter`) or Sales Navigator\n(`api: sales_navigator`). Sent in bracket notation, one part per leaf:\n`linkedin[api]=recruiter`, `linkedin[follow_up][scheduled_time][days]=3`.",
          "oneOf": [
            {
              "title": "LinkedinClassicOptions",
              "description": "Options for a chat started with the Classic LinkedIn API (the default).",
              "type": "object",
              "properties": {
                "api": {
                  "description": "`classic`, or absent: Classic is the default.",
                  "type": "string",
                  "enum": [
                    "classic"
                  ],
                  "default": "classic"
                },
                "topic": {
                  "description": "Topic of the message, for messages to a company page.",
                  "type": "string",
                  "enum": [
                    "service_request",
                    "request_demo",
                    "support",
                    "careers",
                    "other"
                  ]
                },
                "applicant_id": {
                  "description": "ID of a job applicant, to start the chat with an applicant to your job posting.",
                  "type": "string"
                },
                "invitation_id": {
                  "description": "ID of a received invitation, to start the chat as a reply to it.",
                  "type": "string"
                },
                "inmail": {
                  "description": "`true` sends the message as an InMail (uses InMail credits); sent as `true`/`false`.",
                  "type": "boolean"
                }
              },
              "additionalProperties": false
            },
            {
              "title": "LinkedinRecruiterOptions",
              "description": "Options for a chat started with LinkedIn Recruiter. `api` must be `recruiter`.",
              "type": "object",
              "required": [
                "api"
              ],
              "properties": {
                "api": {
                  "description": "Always `recruiter`.",
                  "type": "string",
                  "enum": [
                    "recruiter"
                  ]
                },
                "signature": {
                  "description": "Signature appended to the message.",
                  "type": "string"
                },
                "hiring_project_id": {
                  "description": "ID of the Recruiter hiring project the candidate is contacted for.",
                  "type": "string"
                },
                "job_posting_id": {
                  "description": "ID of the job posting the candidate is contacted about.",
                  "type": "string"
                },
                "sourcing_channel": {
                  "description": "How the candidate was sourced.",
                  "type": "string",
                  "enum": [
                    "JOB_POSTING_RECOMMENDED_MATCHES",
                    "JOB_POSTING",
                    "REFERRAL",
                    "INTERNAL_CANDIDATES",
                    "AUTOMATED_SOURCING",
                    "RECRUITER_SEARCH",
                    "CAREER_SITE"
                  ]
                },
                "email_address": {
                  "description": "Email address shared with the candidate in the message.",
                  "type": "string"
                },
                "visibility": {
                  "description": "Who in your Recruiter contract can see the message.",
                  "type": "string",
                  "enum": [
                    "PUBLIC",
                    "PRIVATE",
                    "PROJECT"
                  ]
                },
                "follow_up": {
                  "title": "LinkedinRecruiterFollowUp",
                  "description": "A follow-up message sent later in the same chat, on the schedule in `scheduled_time`.\nOn the wire: `linkedin[follow_up][subject]=\u2026`, `linkedin[follow_up][scheduled_time][days]=3`,\nand one `linkedin[follow_up][attachments]` part per file.",
                  "type": "object",
                  "required": [
                    "subject",
                    "text",
                    "scheduled_time"
                  ],
                  "properties": {
                    "subject": {
                      "description": "Subject of the follow-up message.",
                      "type": "string"
                    },
                    "text": {
                      "description": "Text of the follow-up message.",
                      "type": "string"
                    },
                    "scheduled_time": {
                      "description": "When the follow-up is sent, counted in days or in weeks in a time zone.",
                      "oneOf": [
                        {
                          "title": "ScheduledTimeDays",
                          "description": "Send the follow-up a number of days later.",
                          "type": "object",
                          "required": [
                            "days",
                            "timezone"
                          ],
                          "properties": {
                            "days": {
                              "description": "Number of days to wait; sent in decimal (`linkedin[follow_up][scheduled_time][days]=3`).",
                              "type": "number",
                              "examples": [
                                3
                              ]
                            },
                            "timezone": {
                              "description": "Time zone the schedule is counted in.",
                              "type": "string",
                              "examples": [
                                "Europe/Paris"
                              ]
                            }
                          },
                          "additionalProperties": false
                        },
                        {
                          "title": "ScheduledTimeWeeks",
                          "description": "Send the follow-up a number of weeks later.",
                          "type": "object",
                          "required": [
                            "weeks",
                            "timezone"
                          ],
                          "properties": {
                            "weeks": {
                              "description": "Number of weeks to wait; sent in decimal (`linkedin[follow_up][scheduled_time][weeks]=1`).",
                              "type": "number",
                              "examples": [
                                1
                              ]
                            },
                            "timezone": {
                              "description": "Time zone the schedule is counted in.",
                              "type": "string",
                              "examples": [
                                "Europe/Paris"
                              ]
                            }
                          },
                          "additionalProperties": false
                        }
                      ]
                    },
                    "attachments": {
                      "description": "Files attached to the follow-up, one part per file. Give a list of local file paths.",
                      "type": "array",
                      "items": {
                        "type": "string",
                        "minLength": 1,
                        "description": "A local file path under a directory listed in POSTPRESS_MCP_FILE_ROOTS (absolute, or relative to its first directory); URLs are not fetched. Sent with its file name and a content type from its extension."
                      }
                    }
                  },
                  "additionalProperties": false
                }
              },
              "additionalProperties": false
            },
            {
              "title": "LinkedinSalesNavigatorOptions",
              "description": "Options for a chat started with LinkedIn Sales Navigator. `api` must be `sales_navigator`.",
              "type": "object",
              "required": [
                "api"
              ],
              "properties": {
                "api": {
                  "description": "Always `sales_navigator`.",
                  "type": "string",
                  "enum": [
                    "sales_navigator"
                  ]
                }
              },
              "additionalProperties": false
            }
          ]
        },
        "dry_run": {
          "type": "boolean",
          "default": false,
          "description": "`true`: validate the arguments and read the files, then return exactly the request that would be sent (URL, and each multipart part under its wire name, such as `attendees_ids[]` or `linkedin[api]`, with file names and sizes) without sending anything."
        }
      },
      "required": [
        "account_id",
        "attendees_ids"
      ],
      "additionalProperties": false
    },
    "outputSchema": {
      "type": "object",
      "description": "The chat was started and its first message sent. Or, with `dry_run: true`, the request that would be sent.",
      "oneOf": [
        {
          "title": "ChatStarted",
          "description": "The chat was started and its first message sent.",
          "type": "object",
          "required": [
            "object",
            "chat_id",
            "message_id"
          ],
          "properties": {
            "object": {
              "description": "Always `ChatStarted`.",
              "type": "string",
              "const": "ChatStarted"
            },
            "chat_id": {
              "description": "ID of the new chat; pass it to `sendMessage` to continue the conversation.",
              "type": "string",
              "examples": [
                "chat_01HXYZ4QK3WJ8FN3M6QH7TZ8GR"
              ]
            },
            "message_id": {
              "description": "ID of the first message of the chat.",
              "type": "string",
              "examples": [
                "msg_01HXYZ4QK3WJ8FN3M6QH7TZ8GR"
              ]
            }
          }
        },
        {
          "title": "DryRun",
          "description": "What would be sent: nothing was sent.",
          "type": "object",
          "required": [
            "dry_run",
            "method",
            "url",
            "parts"
          ],
          "properties": {
            "dry_run": {
              "const": true,
              "description": "Always `true`: nothing was sent."
            },
            "method": {
              "type": "string",
              "description": "HTTP method of the request."
            },
            "url": {
              "type": "string",
              "description": "URL the request would go to."
            },
            "parts": {
              "type": "array",
              "description": "The multipart/form-data parts in order, under their wire names (`attendees_ids[]`, `linkedin[api]`).",
              "items": {
                "type": "object",
                "required": [
                  "name"
                ],
                "properties": {
                  "name": {
                    "type": "string",
                    "description": "Part name on the wire."
                  },
                  "value": {
                    "type": "string",
                    "description": "Value of a text part."
                  },
                  "filename": {
                    "type": "string",
                    "description": "File name of a file part."
                  },
                  "contentType": {
                    "type": "string",
                    "description": "Content type of a file part."
                  },
                  "size": {
                    "type": "integer",
                    "description": "Size of a file part, in bytes."
                  }
                }
              }
            }
          }
        }
      ]
    },
    "success": {
      "status": 201,
      "description": "The chat was started and its first message sent."
    },
    "files": [
      {
        "path": [
          "attachments",
          "*"
        ],
        "multiple": true
      },
      {
        "path": [
          "voice_message"
        ],
        "multiple": false
      },
      {
        "path": [
          "video_message"
        ],
        "multiple": false
      },
      {
        "path": [
          "linkedin",
          "follow_up",
          "attachments",
          "*"
        ],
        "multiple": true
      }
    ],
    "errors": {
      "400": {
        "description": "The request payload is invalid or missing required fields.",
        "retryable": false,
        "types": {
          "errors/invalid_parameters": "One or more request parameters are invalid or missing.",
          "errors/missing_parameters": "One or more request parameters are missing.",
          "errors/malformed_request": "The given request has been rejected by the provider.",
          "errors/content_too_large": "The request payload is too large for the provider.",
          "errors/invalid_url": "A url in the payload is invalid.",
          "errors/too_many_characters": "The provided content exceeds the character limit.",
          "errors/unescaped_characters": "The request path contains unescaped characters.",
          "errors/limit_too_high": "Pagination limit too high. See API reference for details."
        }
      },
      "401": {
        "description": "Credentials are missing, expired, or otherwise invalid.",
        "retryable": false,
        "types": {
          "errors/missing_credentials": "Some credentials are necessary to perform the request.",
          "errors/multiple_sessions": "LinkedIn limits multiple sessions on certain Recruiter accounts. Use the cookie connection method.",
          "errors/invalid_checkpoint_solution": "The checkpoint resolution did not pass successfully. Retry.",
          "errors/invalid_proxy_credentials": "The provided proxy credentials are invalid.",
          "errors/checkpoint_error": "The checkpoint does not appear to be resolvable.",
          "errors/invalid_credentials": "The provided credentials are invalid.",
          "errors/expired_credentials": "Credentials have expired. Reconnect the account.",
          "errors/insufficient_privileges": "This resource is out of your API-key scopes.",
          "errors/disconnected_account": "The account is disconnected from the provider service.",
          "errors/disconnected_feature": "The service you're trying to reach is disconnected.",
          "errors/invalid_credentials_but_valid_account_imap": "IMAP/SMTP credentials are invalid but the account is otherwise valid.",
          "errors/expired_link": "This link has expired. Generate a new one.",
          "errors/wrong_account": "The provided credentials do not match the correct account."
        }
      },
      "403": {
        "description": "Authenticated but the account is restricted or the action is not allowed.",
        "retryable": false,
        "types": {
          "errors/account_restricted": "The account has been restricted by the provider.",
          "errors/account_mismatch": "This action cannot be done with your account.",
          "errors/insufficient_permissions": "Valid authentication but insufficient permissions to perform the request.",
          "errors/session_mismatch": "Token user id does not match client session id.",
          "errors/feature_not_subscribed": "The requested feature has not been subscribed or authenticated properly.",
          "errors/subscription_required": "A subscription is required to use this feature.",
          "errors/unknown_authentication_context": "An additional step seems necessary to complete login.",
          "errors/action_required": "An additional step is required. Complete authentication on the provider's native application.",
          "errors/resource_access_restricted": "You don't have access to this resource."
        }
      },
      "404": {
        "description": "One of the referenced resources does not exist.",
        "retryable": false,
        "types": {
          "errors/resource_not_found": "The requested resource was not found.",
          "errors/invalid_resource_identifier": "The provided identifier is not valid."
        }
      },
      "415": {
        "description": "An attachment or voice/video message was rejected by the provider.",
        "retryable": false,
        "types": {
          "errors/unsupported_media_type": "The media has been rejected by the provider."
        }
      },
      "422": {
        "description": "The provider refused to start the chat for a domain-specific reason.",
        "retryable": false,
        "types": {
          "errors/invalid_account": "The account is not valid for this operation.",
          "errors/invalid_recipient": "The recipient is not valid.",
          "errors/no_connection_with_recipient": "The recipient is not a first-degree connection.",
          "errors/blocked_recipient": "The recipient has blocked this account.",
          "errors/user_unreachable": "The user cannot be reached.",
          "errors/unprocessable_entity": "The request cannot be processed.",
          "errors/payment_error": "A payment is required and could not be completed.",
          "errors/action_already_performed": "This action has already been performed.",
          "errors/invalid_message": "The message is invalid.",
          "errors/invalid_post": "The referenced post is invalid.",
          "errors/not_allowed_inmail": "InMail is not allowed for this recipient or account.",
          "errors/insufficient_credits": "Not enough InMail credits.",
          "errors/cannot_resend_yet": "The message cannot be resent yet.",
          "errors/cannot_resend_within_24hrs": "The message cannot be resent within 24 hours.",
          "errors/limit_exceeded": "A provider-side limit has been exceeded.",
          "errors/already_invited_recently": "The recipient was already invited recently.",
          "errors/already_connected": "Already connected to this recipient.",
          "errors/cannot_invite_attendee": "The attendee cannot be invited.",
          "errors/parent_mail_not_found": "The parent mail was not found.",
          "errors/parent_mail_invalid_provider_id": "The parent mail provider id is invalid.",
          "errors/invalid_reply_subject": "Reply subject is invalid.",
          "errors/invalid_headers": "Headers are invalid.",
          "errors/send_as_denied": "Send-as permission denied.",
          "errors/invalid_folder": "Folder is invalid.",
          "errors/invalid_thread": "Thread is invalid.",
          "errors/unauthorized": "Unauthorized.",
          "errors/sender_rejected": "Sender rejected by upstream.",
          "errors/recipient_rejected": "Recipient rejected by upstream.",
          "errors/ip_rejected_by_server": "Server rejected the source IP.",
          "errors/provider_unreachable": "Provider unreachable.",
          "errors/account_configuration_error": "Account configuration error.",
          "errors/cant_send_message": "The message cannot be sent.",
          "errors/realtime_client_not_initialized": "Realtime client not initialized.",
          "errors/comments_disabled": "Comments are disabled.",
          "errors/insufficient_job_slot": "No job slot available."
        }
      },
      "429": {
        "description": "Rate limited by the upstream provider.",
        "retryable": true,
        "types": {
          "errors/too_many_requests": "The provider cannot accept any more requests at the moment. Retry later."
        }
      },
      "500": {
        "description": "Something went wrong on our side or with the upstream provider.",
        "retryable": false,
        "types": {
          "errors/unexpected_error": "Something went wrong.",
          "errors/provider_error": "The provider is experiencing operational problems. Retry later.",
          "errors/authentication_intent_error": "The current authentication intent was killed after failure."
        }
      },
      "501": {
        "description": "The requested feature is planned but not yet implemented for this provider.",
        "retryable": false,
        "types": {
          "errors/feature_not_implemented": "Requested feature is planned but has not been implemented yet."
        }
      },
      "503": {
        "description": "postpress is temporarily unable to handle the request.",
        "retryable": true,
        "types": {
          "errors/no_client_session": "No client session is currently running.",
          "errors/no_channel": "No channel to client session.",
          "errors/no_handler": "Handler missing for that request.",
          "errors/network_down": "Network is down on the server side. Retry shortly.",
          "errors/service_unavailable": "Service temporarily unavailable. Retry later."
        }
      },
      "504": {
        "description": "The upstream provider did not respond in time.",
        "retryable": false,
        "types": {
          "errors/request_timeout": "Request timed out. Retry, and contact support if it persists."
        }
      }
    }
  },
  {
    "name": "send_message",
    "title": "Send a message in a chat",
    "description": "Send a message in a chat (`POST /api/v1/chats/{chat_id}/messages`).\n\nSend a message to an existing chat, with optional attachments, a voice or a video message.\nThe body is sent as `multipart/form-data` so the binary fields (`voice_message`,\n`video_message`, `attachments`) are uploaded alongside the text fields; each file in\n`attachments` is its own part under the plain name `attachments`.\n\nThis acts for the user on a real account and reaches real people; it cannot be undone. Confirm the recipients and the text with the user first; `dry_run: true` shows what would be sent.\nFile fields (voice_message, video_message, attachments) take local file paths under the directories in POSTPRESS_MCP_FILE_ROOTS.\nOn success (The message was sent), the ids come back as structured content. An error comes back as a tool error naming its HTTP status, its type, what it means and whether retrying later can help.",
    "operationId": "sendMessage",
    "method": "POST",
    "path": "/api/v1/chats/{chat_id}/messages",
    "pathParams": [
      "chat_id"
    ],
    "inputSchema": {
      "type": "object",
      "properties": {
        "chat_id": {
          "type": "string",
          "minLength": 1,
          "description": "ID of the chat to send the message to (as returned by `startChat`), percent-encoded\nin the path so that `/`, `?`, `#` or `%` in an ID cannot change it (`@postpress/client` does\nthis for you).",
          "examples": [
            "chat_01HXYZ4QK3WJ8FN3M6QH7TZ8GR"
          ]
        },
        "text": {
          "description": "Text of the message.",
          "type": "string",
          "examples": [
            "Got it - thanks!"
          ]
        },
        "account_id": {
          "description": "ID of the connected account to send from, when the chat is reachable from several.",
          "type": "string"
        },
        "thread_id": {
          "description": "ID of a thread in the chat to reply in.",
          "type": "string"
        },
        "quote_id": {
          "description": "ID of a message of the chat to quote in the reply.",
          "type": "string"
        },
        "voice_message": {
          "type": "string",
          "minLength": 1,
          "description": "An audio file sent as a voice message, as one part named `voice_message`. A local file path under a directory listed in POSTPRESS_MCP_FILE_ROOTS (absolute, or relative to its first directory); URLs are not fetched. Sent with its file name and a content type from its extension."
        },
        "video_message": {
          "type": "string",
          "minLength": 1,
          "description": "A video file sent as a video message, as one part named `video_message`. A local file path under a directory listed in POSTPRESS_MCP_FILE_ROOTS (absolute, or relative to its first directory); URLs are not fetched. Sent with its file name and a content type from its extension."
        },
        "attachments": {
          "description": "Files attached to the message. Sent as one part per file under the plain name\n`attachments` (`attachments=@file.pdf`), each with its filename and content type. Give a list of local file paths.",
          "type": "array",
          "items": {
            "type": "string",
            "minLength": 1,
            "description": "A local file path under a directory listed in POSTPRESS_MCP_FILE_ROOTS (absolute, or relative to its first directory); URLs are not fetched. Sent with its file name and a content type from its extension."
          }
        },
        "typing_duration": {
          "description": "How long the typing indicator is shown before the message is sent (a string, as the API takes it).",
          "type": "string"
        },
        "dry_run": {
          "type": "boolean",
          "default": false,
          "description": "`true`: validate the arguments and read the files, then return exactly the request that would be sent (URL, and each multipart part under its wire name, such as `attendees_ids[]` or `linkedin[api]`, with file names and sizes) without sending anything."
        }
      },
      "required": [
        "chat_id"
      ],
      "additionalProperties": false
    },
    "outputSchema": {
      "type": "object",
      "description": "The message was sent. Or, with `dry_run: true`, the request that would be sent.",
      "oneOf": [
        {
          "title": "MessageSent",
          "description": "The message was sent.",
          "type": "object",
          "required": [
            "object",
            "message_id"
          ],
          "properties": {
            "object": {
              "description": "Always `MessageSent`.",
              "type": "string",
              "const": "MessageSent"
            },
            "message_id": {
              "description": "ID of the message that was sent.",
              "type": "string",
              "examples": [
                "msg_01HXYZ4QK3WJ8FN3M6QH7TZ8GR"
              ]
            }
          }
        },
        {
          "title": "DryRun",
          "description": "What would be sent: nothing was sent.",
          "type": "object",
          "required": [
            "dry_run",
            "method",
            "url",
            "parts"
          ],
          "properties": {
            "dry_run": {
              "const": true,
              "description": "Always `true`: nothing was sent."
            },
            "method": {
              "type": "string",
              "description": "HTTP method of the request."
            },
            "url": {
              "type": "string",
              "description": "URL the request would go to."
            },
            "parts": {
              "type": "array",
              "description": "The multipart/form-data parts in order, under their wire names (`attendees_ids[]`, `linkedin[api]`).",
              "items": {
                "type": "object",
                "required": [
                  "name"
                ],
                "properties": {
                  "name": {
                    "type": "string",
                    "description": "Part name on the wire."
                  },
                  "value": {
                    "type": "string",
                    "description": "Value of a text part."
                  },
                  "filename": {
                    "type": "string",
                    "description": "File name of a file part."
                  },
                  "contentType": {
                    "type": "string",
                    "description": "Content type of a file part."
                  },
                  "size": {
                    "type": "integer",
                    "description": "Size of a file part, in bytes."
                  }
                }
              }
            }
          }
        }
      ]
    },
    "success": {
      "status": 201,
      "description": "The message was sent."
    },
    "files": [
      {
        "path": [
          "voice_message"
        ],
        "multiple": false
      },
      {
        "path": [
          "video_message"
        ],
        "multiple": false
      },
      {
        "path": [
          "attachments",
          "*"
        ],
        "multiple": true
      }
    ],
    "errors": {
      "401": {
        "description": "Credentials are missing, expired, or otherwise invalid.",
        "retryable": false,
        "types": {
          "errors/missing_credentials": "Some credentials are necessary to perform the request.",
          "errors/multiple_sessions": "LinkedIn limits multiple sessions on certain Recruiter accounts. Use the cookie connection method.",
          "errors/invalid_checkpoint_solution": "The checkpoint resolution did not pass successfully. Retry.",
          "errors/invalid_proxy_credentials": "The provided proxy credentials are invalid.",
          "errors/checkpoint_error": "The checkpoint does not appear to be resolvable.",
          "errors/invalid_credentials": "The provided credentials are invalid.",
          "errors/expired_credentials": "Credentials have expired. Reconnect the account.",
          "errors/insufficient_privileges": "This resource is out of your API-key scopes.",
          "errors/disconnected_account": "The account is disconnected from the provider service.",
          "errors/disconnected_feature": "The service you're trying to reach is disconnected.",
          "errors/invalid_credentials_but_valid_account_imap": "IMAP/SMTP credentials are invalid but the account is otherwise valid.",
          "errors/expired_link": "This link has expired. Generate a new one.",
          "errors/wrong_account": "The provided credentials do not match the correct account."
        }
      },
      "403": {
        "description": "Authenticated but the account is restricted or the action is not allowed.",
        "retryable": false,
        "types": {
          "errors/account_restricted": "The account has been restricted by the provider.",
          "errors/account_mismatch": "This action cannot be done with your account.",
          "errors/insufficient_permissions": "Valid authentication but insufficient permissions to perform the request.",
          "errors/session_mismatch": "Token user id does not match client session id.",
          "errors/feature_not_subscribed": "The requested feature has not been subscribed or authenticated properly.",
          "errors/subscription_required": "A subscription is required to use this feature.",
          "errors/unknown_authentication_context": "An additional step seems necessary to complete login.",
          "errors/action_required": "An additional step is required.",
          "errors/resource_access_restricted": "You don't have access to this resource."
        }
      },
      "404": {
        "description": "Account, chat, thread, or provider resource not found.",
        "retryable": false,
        "types": {
          "errors/resource_not_found": "The requested resource was not found.",
          "errors/invalid_resource_identifier": "The provided identifier is not valid."
        }
      },
      "415": {
        "description": "The provider rejected one or more of the attached media.",
        "retryable": false,
        "types": {
          "errors/unsupported_media_type": "The media format is not supported by the provider."
        }
      },
      "422": {
        "description": "The message could not be sent because of provider-side validation.",
        "retryable": false,
        "types": {
          "errors/invalid_account": "The account cannot perform this action.",
          "errors/invalid_recipient": "The recipient is invalid for this provider.",
          "errors/no_connection_with_recipient": "A connection with the recipient is required.",
          "errors/blocked_recipient": "The recipient has blocked the sender.",
          "errors/user_unreachable": "The recipient cannot be reached.",
          "errors/unprocessable_entity": "The provider could not process the message.",
          "errors/payment_error": "A payment is required to send this message.",
          "errors/action_already_performed": "The action was already performed.",
          "errors/invalid_message": "The message body or attachments are invalid.",
          "errors/invalid_post": "The referenced post is invalid.",
          "errors/not_allowed_inmail": "InMail is not allowed for this recipient.",
          "errors/insufficient_credits": "Not enough credits to send this message.",
          "errors/cannot_resend_yet": "The message cannot be re-sent yet.",
          "errors/cannot_resend_within_24hrs": "The message cannot be re-sent within 24 hours.",
          "errors/limit_exceeded": "The provider's sending limit was exceeded.",
          "errors/already_invited_recently": "The recipient was already invited recently.",
          "errors/already_connected": "Already connected with this recipient.",
          "errors/cannot_invite_attendee": "This attendee cannot be invited.",
          "errors/parent_mail_not_found": "Parent email was not found.",
          "errors/parent_mail_invalid_provider_id": "Parent email has an invalid provider id.",
          "errors/invalid_reply_subject": "The reply subject is invalid.",
          "errors/invalid_headers": "The message headers are invalid.",
          "errors/send_as_denied": "The provider denied the send-as request.",
          "errors/invalid_folder": "The target folder is invalid.",
          "errors/invalid_thread": "The target thread is invalid.",
          "errors/unauthorized": "The provider rejected the request as unauthorized.",
          "errors/sender_rejected": "The sender was rejected by the provider.",
          "errors/recipient_rejected": "The recipient was rejected by the provider.",
          "errors/ip_rejected_by_server": "The sending IP was rejected by the upstream server.",
          "errors/provider_unreachable": "The provider is currently unreachable.",
          "errors/account_configuration_error": "The account is misconfigured.",
          "errors/cant_send_message": "The message could not be sent.",
          "errors/realtime_client_not_initialized": "The realtime client is not initialized.",
          "errors/comments_disabled": "Comments are disabled on this resource.",
          "errors/insufficient_job_slot": "No remaining job slot to send this message."
        }
      },
      "429": {
        "description": "The provider is rate-limiting this account. Retry later.",
        "retryable": true,
        "types": {
          "errors/too_many_requests": "The provider cannot accept any more requests at the moment."
        }
      },
      "500": {
        "description": "Something went wrong on our side or with the upstream provider.",
        "retryable": false,
        "types": {
          "errors/unexpected_error": "Something went wrong.",
          "errors/provider_error": "The provider is experiencing operational problems. Retry later.",
          "errors/authentication_intent_error": "The current authentication intent was killed after failure."
        }
      },
      "503": {
        "description": "postpress is temporarily unable to handle the request.",
        "retryable": true,
        "types": {
          "errors/no_client_session": "No client session is currently running.",
          "errors/no_channel": "No channel to client session.",
          "errors/no_handler": "Handler missing for that request.",
          "errors/network_down": "Network is down on the server side. Retry shortly.",
          "errors/service_unavailable": "Service temporarily unavailable. Retry later."
        }
      },
      "504": {
        "description": "The upstream provider did not respond in time.",
        "retryable": false,
        "types": {
          "errors/request_timeout": "Request timed out. Retry, and contact support if it persists."
        }
      }
    }
  }
];

// src/server.ts
import { createRequire } from "module";
import { createPostpressClient, PostpressConfigError } from "@postpress/client";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError
} from "@modelcontextprotocol/sdk/types.js";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
var VERSION = createRequire(import.meta.url)("../package.json").version;
function optionsFromEnv(env = process.env) {
  return {
    apiKey: env.POSTPRESS_API_KEY?.trim() || void 0,
    baseUrl: env.POSTPRESS_BASE_URL?.trim() || void 0,
    fileRoots: parseFileRoots(env[FILE_ROOTS_ENV])
  };
}
async function attachFiles(body, locations, roots) {
  const visit = async (node, path) => {
    if (path.length === 0) return typeof node === "string" ? readAllowedFile(node, roots) : node;
    const [step, ...rest] = path;
    if (step === "*") return Array.isArray(node) ? Promise.all(node.map((item) => visit(item, rest))) : node;
    if (node && typeof node === "object" && !Array.isArray(node) && step in node) {
      const record = node;
      record[step] = await visit(record[step], rest);
    }
    return node;
  };
  for (const { path } of locations) await visit(body, path);
}
var fail = (text) => ({ isError: true, content: [{ type: "text", text }] });
function createPostpressMcpServer(options = {}) {
  const { apiKey, baseUrl, fileRoots = [] } = options;
  const log = options.log ?? ((line) => process.stderr.write(`postpress-mcp: ${line}
`));
  const validator = new AjvJsonSchemaValidator();
  const validators = new Map(
    tools.map((tool) => [tool.name, validator.getValidator(tool.inputSchema)])
  );
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  let roots;
  const allowedRoots = () => {
    roots ??= resolveFileRoots(fileRoots).then((r) => {
      for (const problem of r.problems) log(problem);
      return r.roots;
    });
    return roots;
  };
  const scrub = (result) => apiKey && apiKey.length >= 8 && JSON.stringify(result).includes(apiKey) ? JSON.parse(JSON.stringify(result).replaceAll(apiKey, "[redacted]")) : result;
  async function dryRun(tool, pathValues, body) {
    let sent;
    const capture = async (request) => {
      const parts = [];
      for (const [name, value] of await request.formData())
        parts.push(
          typeof value === "string" ? { name, value } : { name, filename: value.name, contentType: value.type, size: value.size }
        );
      sent = { method: request.method, url: request.url, parts };
      return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
    };
    const client = createPostpressClient({ apiKey: apiKey ?? "pp_dry_run", baseUrl, fetch: capture, maxRetries: 0 });
    const method = client[tool.operationId];
    const { error } = await method(...pathValues, body);
    if (error || !sent) return fail(describeError(tool, error ?? { kind: "invalid_request" }));
    const lines = sent.parts.map(
      (p) => p.value === void 0 ? `  ${p.name} = ${p.filename} (${p.contentType}, ${p.size} bytes)` : `  ${p.name} = ${p.value}`
    );
    log(`${tool.name}: dry run, ${sent.parts.length} parts, nothing sent`);
    return {
      content: [
        {
          type: "text",
          text: `Dry run of ${tool.name}: nothing was sent. ${sent.method} ${sent.url}, multipart/form-data with ${sent.parts.length} parts:
${lines.join("\n")}`
        }
      ],
      structuredContent: { dry_run: true, ...sent }
    };
  }
  async function call(tool, args) {
    const check = validators.get(tool.name)?.(args);
    if (!check?.valid)
      return fail(
        `${tool.name}: invalid arguments: ${(check?.errorMessage ?? "").replace(/\bdata(?=[/ .]|$)/g, "arguments")}. Nothing was sent.`
      );
    const { dry_run: isDryRun = false, ...body } = structuredClone(args);
    const pathValues = tool.pathParams.map((name) => String(body[name]));
    for (const name of tool.pathParams) delete body[name];
    try {
      await attachFiles(body, tool.files, await allowedRoots());
    } catch (error) {
      if (error instanceof FileRefusedError) {
        log(`${tool.name}: file refused`);
        return fail(`${tool.name}: ${error.message} Nothing was sent.`);
      }
      throw error;
    }
    try {
      if (isDryRun) return await dryRun(tool, pathValues, body);
      if (!apiKey)
        return fail(
          `${tool.name}: POSTPRESS_API_KEY is not set in this MCP server's environment, so nothing can be sent (dry_run still works). Ask the user to add it to the server configuration and restart it.`
        );
      const client = createPostpressClient({ apiKey, baseUrl });
      const method = client[tool.operationId];
      const { data, error, response } = await method(...pathValues, body);
      if (error || !data || typeof data !== "object") {
        const text = describeError(tool, error ?? { kind: "invalid_response", message: "no data" }, response);
        log(`${tool.name}: failed, ${response ? `HTTP ${response.status}` : String(error?.kind)}`);
        return fail(text);
      }
      const ids = Object.entries(data).filter(([key, value]) => key.endsWith("_id") && typeof value === "string").map(([key, value]) => `${key}: ${value}`);
      log(`${tool.name}: HTTP ${response?.status}`);
      return {
        content: [
          { type: "text", text: `${tool.success.description.replace(/\.$/, "")}${ids.length ? ` (${ids.join(", ")})` : ""}.` }
        ],
        structuredContent: data
      };
    } catch (error) {
      if (error instanceof PostpressConfigError) return fail(`${tool.name}: configuration error: ${error.message}.`);
      throw error;
    }
  }
  const server = new Server(
    { name: "postpress", title: "postpress", version: VERSION },
    {
      capabilities: { tools: {} },
      instructions: `Tools to start LinkedIn (and other provider) chats and send messages through the postpress API, on the user's connected accounts. They reach real people and cannot be undone: confirm recipients and text with the user, and use \`dry_run: true\` to preview the exact request. File arguments are local paths, read only from the directories in ${FILE_ROOTS_ENV}${fileRoots.length ? ` (${fileRoots.join(", ")})` : " (none set: file arguments are refused)"}.`
    }
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: tools.map(
      (tool) => ({
        name: tool.name,
        title: tool.title,
        description: tool.description,
        inputSchema: tool.inputSchema,
        outputSchema: tool.outputSchema,
        annotations: {
          title: tool.title,
          readOnlyHint: tool.method === "GET",
          // Sending adds a chat or a message and changes or deletes nothing that exists: additive, in the
          // spec's terms. It is still consequential and irreversible: the description and dry_run say so.
          destructiveHint: false,
          // A second identical call sends a second message.
          idempotentHint: tool.method === "GET",
          openWorldHint: true
        }
      })
    )
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const tool = byName.get(request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`);
    return scrub(await call(tool, request.params.arguments ?? {}));
  });
  return server;
}

export {
  retryAdvice,
  describeError,
  FILE_ROOTS_ENV,
  FileRefusedError,
  parseFileRoots,
  resolveFileRoots,
  readAllowedFile,
  tools,
  VERSION,
  optionsFromEnv,
  createPostpressMcpServer
};
