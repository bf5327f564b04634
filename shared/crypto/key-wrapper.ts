/** A key-encryption key: wraps fresh data keys, and unwraps them by the key id recorded next to them. */
export interface WrappedKey {
  kid: string;
  wrapAlg: "RSA-OAEP-256" | "A256KW";
  wrappedKey: Uint8Array;
}

export interface KeyWrapper {
  /** Wraps under the current key version; the answer names that version. */
  wrap(dataKey: Uint8Array): Promise<WrappedKey>;
  /** Unwraps under the version named; throws for a version it cannot use. */
  unwrap(wrapped: WrappedKey): Promise<Uint8Array>;
}
