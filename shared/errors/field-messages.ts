// What a learner reads next to a form field: every field-level message the schemas, the rules and the services
// give, in one place (like error-catalog.ts for whole errors). `{name}` placeholders are filled by fieldMessage.
import { formatErrorText, type ErrorParams } from './error-catalog.js';

export const FIELD_MESSAGES = {
  // The request itself
  malformedRequest: 'The request was not in the expected form.',
  unknownField: '"{field}" is not a field this form knows; remove it.',
  // Identity and revision
  profileIdRequired: 'A profile id is required.',
  profileIdText: 'A profile id must be text.',
  profileIdInvalid: 'That is not a valid profile id.',
  revisionMissing: 'The revision you are editing is missing; reload the profile.',
  revisionWhole: 'The revision must be a whole number.',
  revisionMin: 'The revision must be 1 or more.',
  // Name
  nameRequired: 'Give the profile a name.',
  nameText: 'The name must be text.',
  nameTooLong: 'Keep the name to {max} characters or fewer.',
  nameTaken: 'You already have a profile called "{name}".',
  nameCharacters: 'The name contains invisible control or text-direction characters; type it again without them.',
  // Provider and preset
  providerChoose: 'Choose a provider: one of {choices}.',
  presetChoose: 'Choose which server this is: one of {choices}.',
  presetRequired: 'Choose which server this is (LM Studio, llama.cpp, vLLM, …).',
  presetOnlyCompatible: 'A server preset only applies to OpenAI-compatible servers, not {provider}.',
  // Address
  addressRequired: 'Enter the server address.',
  addressText: 'The address must be text.',
  addressTooLong: 'Keep the address to {max} characters or fewer.',
  addressFragment: 'Remove the "#…" part from the address.',
  addressNotUrl: 'Enter a full address starting with http:// or https://, for example http://127.0.0.1:11434.',
  addressScheme: 'The address must start with http:// or https://.',
  addressCredentials:
    'Remove the user name and password from the address; put an API key in the API key field instead.',
  addressHost: 'The address needs a host name, for example 127.0.0.1.',
  addressQuery: 'Remove the "?…" part from the address; API keys and versions have their own fields.',
  // Address options of OpenAI and OpenAI-compatible servers
  exactAddressYesNo: '"Use the address exactly as typed" must be yes or no.',
  exactAddressOnlyOpenAi:
    'Using the address exactly as typed only applies to OpenAI and OpenAI-compatible servers; untick it.',
  modelsUrlEmpty: 'Enter the full model list address, or leave the field empty to use the usual one.',
  modelsUrlText: 'The model list address must be text.',
  modelsUrlOtherServer:
    'The model list address must be on the same server as the server address ({origin}), with the same http or https and port: the API key is only ever sent there.',
  modelsUrlOnlyOpenAi: 'A model list address only applies to OpenAI and OpenAI-compatible servers; clear the field.',
  // Model
  modelRequired: 'Enter the model name.',
  modelText: 'The model name must be text.',
  modelTooLong: 'Keep the model name to {max} characters or fewer.',
  modelCharacters:
    'The model name contains invisible control or text-direction characters; type it again without them.',
  // API key
  keyRequired: 'Enter the API key.',
  keyText: 'The API key must be text.',
  keyEmpty: 'The API key is empty; paste the whole key.',
  keyTooLong: 'That API key is too long (over {max} bytes); check that you pasted only the key.',
  keySpaces: 'The API key must not contain spaces or line breaks; check that you pasted only the key.',
  keyCharacters:
    'The API key can only contain plain letters, digits and symbols (no accented letters, curly quotes or emoji); check that you pasted only the key.',
  keyNeededBy: '{provider} needs an API key.',
  keyOriginChanged: 'The server address changed: enter the API key for the new server, or remove the saved key.',
  keyWeakStorage: 'This computer can only weakly protect API keys; see the storage banner.',
  // Extra request headers
  headersList: 'The extra headers must be a list of names and values.',
  headersTooMany: 'Keep to {max} extra headers or fewer.',
  headerNameRequired: 'Enter the header name, or remove this header.',
  headerNameText: 'The header name must be text.',
  headerNameTooLong: 'Keep the header name to {max} characters or fewer.',
  headerNameCharacters:
    'A header name uses only letters, digits and symbols such as - _ . (no spaces or colons), for example CF-Access-Client-Id.',
  headerNameReserved: 'The app sets "{name}" itself, so it cannot be added here; remove it.',
  headerNameDuplicate: '"{name}" is already in the list; each header can be added once.',
  headerValueRequired: 'Enter the value of this header, or remove it.',
  headerValueText: 'The header value must be text.',
  headerValueTooLong: 'That header value is too long (over {max} characters); check that you pasted only the value.',
  headerValueLineBreak: 'A header value cannot contain line breaks or NUL characters; paste it on one line.',
  headerValueCharacters:
    'A header value can only contain plain letters, digits, spaces and symbols (no emoji, curly quotes or control characters).',
  headerValueOrKeep: 'Either enter a new value or keep the saved one, not both.',
  headerKeepTrue: 'To keep a saved value, send keep: true.',
  headerKeepUnknown: 'No value is saved for "{name}"; enter its value.',
  headerKeepUnreadable: 'The saved value of "{name}" can no longer be read; enter it again.',
  headerOriginChanged:
    'The server address changed: enter the value of "{name}" again for the new server, or remove this header.',
  headersWeakStorage: 'This computer can only weakly protect header values; see the storage banner.',
  headersNeedHttps: 'Use an https:// address: saved header values are never sent over plain http to another computer.',
  // Time limit
  timeoutNumber: 'The time limit must be a number of milliseconds.',
  timeoutWhole: 'The time limit must be a whole number of milliseconds.',
  timeoutMin: 'The time limit must be at least {seconds} second (1000 ms).',
  timeoutMax: 'The time limit can be at most {seconds} seconds ({ms} ms).',
  proxyUrl:
    'Enter the proxy as an address like http://proxy.school.example:3128 (http or https, without a user name or password in it).',
  proxyUsername: 'Enter the proxy user name as given (at most 256 characters, without a colon).',
  proxyPassword: 'Enter the proxy password as given (at most 1,024 characters, on one line).',
  proxyPasswordNeedsUser:
    'A proxy password goes with "Use this proxy" and a user name: enter both, or leave the password empty.',
  proxyPasswordWeakStorage: 'This computer can only weakly protect passwords; see the storage banner.',
  proxyPasswordOriginChanged: 'The proxy changed: enter the password for the new proxy, or remove the saved one.',
  loadTimeoutNumber: 'The time to load the model must be a whole number of milliseconds.',
  loadTimeoutRange: 'The time to load the model must be from {min} seconds to {max} minutes.',
  // Azure
  azureDeploymentRequired: 'Enter the Azure deployment name.',
  azureDeploymentText: 'The deployment name must be text.',
  azureDeploymentTooLong: 'Azure deployment names are at most {max} characters.',
  azureDeploymentCharacters: 'Azure deployment names use only letters, digits, ".", "_" and "-".',
  azureDeploymentOnlyAzure: 'A deployment name only applies to Azure OpenAI.',
  azureVersionRequired: 'Enter the Azure API version.',
  azureVersionText: 'The API version must be text.',
  azureVersionFormat: 'Use "v1" for the v1 API, or a dated version such as 2024-10-21 (optionally ending in -preview).',
  azureVersionMissing: 'Enter the Azure API version, such as 2024-10-21 or v1.',
  azureVersionOnlyAzure: 'An API version only applies to Azure OpenAI.',
  // Consent and storage
  consentYesNo: 'Consent must be yes or no.',
  consentNeeded: 'Confirm that prompts may be sent to {host}.',
  keyNeedsHttps: 'Use an https:// address: an API key is never sent over plain http to another computer.',
  weakStorageAcknowledge: 'Confirm that you understand the risk before allowing weak storage.',
  // Model listing
  modelsTarget: 'Choose a profile or fill in the server details first.',
  // A chat (chat.stream)
  chatMessagesRequired: 'Send at least one message.',
  chatMessageText: 'Each message must be text.',
  chatMessageTooLong: 'Keep each message to {max} characters or fewer.',
  chatTooManyMessages: 'Keep the conversation to {max} messages or fewer; start a new one.',
  chatTooLong: 'The conversation is too long to send at once ({max} characters at most); start a new one.',
  chatNothingToAnswer: 'Write a message for the model to answer.',
  chatMaxTokens: 'The reply length must be a whole number of tokens from 1 to {max}.',
  chatTemperature: 'The temperature must be a number from 0 to 2.',
  chatLimit:
    'A time limit must be a whole number of milliseconds, from 1 second to 10 minutes of silence or an hour in all.',
  // Moving profiles between computers
  passphraseText: 'The passphrase must be text.',
  passphraseTooShort: 'Use a passphrase of at least {min} characters.',
  passphraseTooLong: 'Keep the passphrase to {max} characters or fewer.',
  importDuplicateEntry: 'This entry has the same id as entry {other} of the file.',
  importNameInFile: 'Another entry of this file already has this name.',
  importDecisionUnknown: 'There is no entry {index} in the file.',
  importTokenUnknown: 'That file is no longer open for import; choose it again.',
} as const;

export type FieldMessageId = keyof typeof FIELD_MESSAGES;

export function fieldMessage(id: FieldMessageId, params?: ErrorParams): string {
  return formatErrorText(FIELD_MESSAGES[id], params);
}
