// Every place a sealed secret lives, named once: the context is authenticated with the ciphertext, so a value
// only opens in the row and column it was sealed for.

export const sealedAt = {
  qboAccessToken: (connectionId: string) => `qbo-connection:${connectionId}:access`,
  qboRefreshToken: (connectionId: string) => `qbo-connection:${connectionId}:refresh`,
  sourceSecrets: (sourceConnectionId: string) => `source-connection:${sourceConnectionId}:secrets`,
};
