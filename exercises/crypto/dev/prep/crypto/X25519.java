package dev.prep.crypto;

import java.math.BigInteger;

/**
 * X25519, the Diffie-Hellman function on Curve25519 that most TLS 1.3 handshakes use today, exactly
 * as RFC 7748 §5 specifies it: {@code X25519(k, u)} multiplies the point with u-coordinate {@code
 * u} by the scalar {@code k} and returns the u-coordinate of the result, 32 bytes each way.
 *
 * <p>Key exchange (密钥交换, RFC 7748 §6.1): Alice picks 32 random bytes {@code a} and sends {@code A =
 * X25519(a, 9)}; Bob picks {@code b} and sends {@code B = X25519(b, 9)}; both compute the same
 * shared secret {@code X25519(a, B) = X25519(b, A)}, because both are the u-coordinate of {@code
 * a·b·G}. An eavesdropper sees only A and B.
 *
 * <p>The pieces, each a method below, in the order of RFC 7748 §5:
 *
 * <ol>
 *   <li>{@link #decodeScalar}: clamp a copy of the 32 bytes, then read them as a little-endian
 *       number;
 *   <li>{@link #decodeU}: mask the most significant bit of the last byte, then read little-endian;
 *   <li>{@link #cswap} and {@link #ladder}: the Montgomery ladder, 255 steps over bits 254 down to
 *       0 of {@code k}, all arithmetic modulo {@code p = 2^255 - 19};
 *   <li>{@link #encodeU}: {@code u mod p} as 32 little-endian bytes.
 * </ol>
 *
 * <p><b>For learning only: never use this class to protect anything.</b> {@link BigInteger} is not
 * constant-time: how long a multiplication or a {@code mod} takes, and how much it allocates,
 * depends on the values, so the timing leaks bits of the secret scalar. The real part is the JDK's
 * XDH ({@code KeyAgreement.getInstance("X25519")}, implemented in {@code
 * sun.security.ec.XECOperations} in {@code java.base} with fixed-size limb arithmetic and a
 * branch-free swap), which this exercise's grader uses as its oracle.
 */
public final class X25519 {

  /** The field prime p = 2^255 - 19 (RFC 7748 §4.1). */
  public static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

  /** (486662 - 2) / 4, the ladder's constant for Curve25519 (RFC 7748 §5). */
  static final BigInteger A24 = BigInteger.valueOf(121665);

  /** Keys, u-coordinates and shared secrets are all 32 bytes. */
  public static final int LENGTH = 32;

  private X25519() {}

  /**
   * X25519(k, u) of RFC 7748 §5: {@code encodeU(ladder(decodeScalar(scalar), decodeU(u)))}.
   *
   * @param scalar 32 bytes, the private key; clamped here, so any 32 bytes are a valid key
   * @param u 32 bytes, the little-endian u-coordinate of a public key or the base point 9; its top
   *     bit is ignored
   * @return a new array of 32 bytes: the u-coordinate of {@code scalar · u}, little-endian
   * @throws IllegalArgumentException if either array is not exactly 32 bytes long
   * @throws NullPointerException if either array is {@code null}
   */
  public static byte[] scalarMult(byte[] scalar, byte[] u) {
    // TODO: check both lengths, then encodeU(ladder(decodeScalar(scalar), decodeU(u)))
    throw new UnsupportedOperationException("TODO: scalarMult");
  }

  /**
   * The public key of a private key: {@code X25519(scalar, 9)}, 9 being the u-coordinate of the
   * base point (RFC 7748 §4.1, §6.1).
   *
   * @param scalar 32 bytes, the private key
   * @return a new array of 32 bytes, the public key
   * @throws IllegalArgumentException if {@code scalar} is not exactly 32 bytes long
   */
  public static byte[] publicKey(byte[] scalar) {
    // TODO: the u-coordinate 9 as 32 little-endian bytes is the base point
    throw new UnsupportedOperationException("TODO: publicKey");
  }

  /**
   * decodeScalar25519 (RFC 7748 §5): clamp a <em>copy</em> of the bytes, {@code k[0] &= 248},
   * {@code k[31] &= 127}, {@code k[31] |= 64}, then read them as a little-endian unsigned number
   * ({@code k[0]} is the least significant byte). Clamping makes the scalar a multiple of 8 (the
   * cofactor, so small-subgroup points give nothing away) with bit 254 set and bit 255 clear (so
   * every key takes the same 255 ladder steps).
   *
   * @param k 32 bytes; not modified
   * @return the clamped scalar, {@code 2^254 <= result < 2^255}, a multiple of 8
   */
  static BigInteger decodeScalar(byte[] k) {
    // TODO: clamp a copy (k[0] &= 248, k[31] &= 127, k[31] |= 64); k[0] is the LOW byte
    throw new UnsupportedOperationException("TODO: decodeScalar");
  }

  /**
   * decodeUCoordinate (RFC 7748 §5): clear the most significant bit of the last byte of a
   * <em>copy</em> ("implementations of X25519 MUST mask the most significant bit in the final
   * byte"), then read the bytes as a little-endian unsigned number. A value from p to 2^255 - 1 is
   * not reduced here: the arithmetic mod p takes care of it.
   *
   * @param u 32 bytes; not modified
   * @return the u-coordinate, {@code 0 <= result < 2^255}
   */
  static BigInteger decodeU(byte[] u) {
    // TODO: clear bit 7 of u[31] in a copy, then read little-endian (u[0] is the low byte)
    throw new UnsupportedOperationException("TODO: decodeU");
  }

  /**
   * encodeUCoordinate (RFC 7748 §5): {@code u mod p} as 32 little-endian bytes (least significant
   * byte first).
   *
   * @param u any non-negative number
   * @return a new array of 32 bytes
   */
  static byte[] encodeU(BigInteger u) {
    // TODO: reduce mod P, then 32 bytes with the least significant byte first
    throw new UnsupportedOperationException("TODO: encodeU");
  }

  /**
   * cswap (RFC 7748 §5): returns {@code {b, a}} when {@code swap} is 1 and {@code {a, b}} when it
   * is 0, <em>without branching on {@code swap}</em> (no {@code if}, {@code ?:} or {@code switch}):
   * {@code mask = -swap} is all zero bits or all one bits, {@code dummy = mask & (a ^ b)}, and the
   * result is {@code {a ^ dummy, b ^ dummy}}. In a real implementation the same instructions then
   * run whatever the secret bit is; with {@link BigInteger} the habit is all this class can show.
   *
   * @param swap 0 or 1
   * @param a a non-negative number
   * @param b a non-negative number
   * @return a new two-element array
   */
  static BigInteger[] cswap(int swap, BigInteger a, BigInteger b) {
    // TODO: mask = -swap, dummy = mask & (a ^ b): no if, no ?: on swap
    throw new UnsupportedOperationException("TODO: cswap");
  }

  /**
   * The Montgomery ladder of RFC 7748 §5, verbatim: with {@code x_1 = u}, {@code (x_2, z_2) = (1,
   * 0)}, {@code (x_3, z_3) = (u, 1)} and {@code swap = 0}, for {@code t} from 254 down to 0: {@code
   * k_t = bit t of k}, {@code swap ^= k_t}, cswap both pairs, {@code swap = k_t}, then the combined
   * doubling and differential addition with {@code a24 = 121665}; after the loop one last cswap of
   * both pairs; the result is {@code x_2 · z_2^(p-2) mod p}. All arithmetic is mod p.
   *
   * @param k the scalar, {@code 0 <= k < 2^255} (scalarMult passes a clamped one; the ladder itself
   *     works for any such k, odd ones included)
   * @param u the u-coordinate, {@code 0 <= u < 2^255}
   * @return the u-coordinate of {@code k · u}, reduced mod p; 0 when the result is the point at
   *     infinity ({@code z_2 = 0}), for example for {@code k = 0}
   */
  static BigInteger ladder(BigInteger k, BigInteger u) {
    // TODO: the RFC 7748 §5 loop for t = 254 down to 0, the final cswap, x2 * z2^(p-2)
    throw new UnsupportedOperationException("TODO: ladder");
  }

  private static void requireLength(byte[] bytes, String name) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          name + " must be " + LENGTH + " bytes, got " + bytes.length);
    }
  }
}
