export { SecretUnreadableError, open, seal, sealedKeyId, type Sealed } from "./envelope";
export { KeyringError, keyring, parseKeyring, type Keyring } from "./keyring";
export { hmacSha256Base64, safeEqual } from "./constant-time";
