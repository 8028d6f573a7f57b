/**
 * Crypto: how public and private keys interact (公钥私钥的交互流程) — RSA by hand beside the JCA,
 * Diffie-Hellman and X25519 with and without authentication, signatures and certificates, HKDF,
 * hybrid encryption and KEMs, and a TLS 1.3 handshake between two in-memory {@code SSLEngine}s. The
 * JDK's providers are the real parts; the hand-written versions here and in the exercises exist to
 * teach and must never protect real data. The exercises' classes live in {@code exercises/crypto}
 * and {@code solutions/crypto}.
 */
package dev.prep.crypto;
