package dev.prep.crypto;

import static dev.prep.crypto.envelope.EnvelopeFormat.HEADER_BYTES;
import static dev.prep.crypto.envelope.EnvelopeFormat.NONCE_BYTES;
import static dev.prep.crypto.envelope.EnvelopeFormat.OVERHEAD_BYTES;
import static dev.prep.crypto.envelope.EnvelopeFormat.PUBLIC_KEY_BYTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.prep.crypto.envelope.EnvelopeFormat;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.NestMembersAttribute;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.StringEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Grader for {@code crypto/hybrid-envelope}: round trips of the learner's {@link Envelope}, then
 * interoperability both ways with a reference implementation of the format written below (so the
 * format is byte-exact, including which bytes go into the GCM AAD and the HKDF salt), then
 * rejection of every tampered envelope, other AAD, another recipient and truncated or malformed
 * input, then freshness (a new ephemeral key and nonce per envelope), and last the habits read from
 * the class file (no {@code java.util.Random}, no ECB).
 *
 * <p>When the reference cannot open a learner's envelope, the grader tries the usual deviations
 * (AAD without the header, salt in the other order or missing, the raw X25519 output as the key)
 * and names the one that works, so the message says what to change.
 */
@DisplayName("hybrid-envelope: X25519 + HKDF-SHA256 + AES-GCM, byte-exact and tamper-proof")
class EnvelopeTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final KeyPair ALICE = x25519();
  private static final KeyPair BOB = x25519();

  @ParameterizedTest(name = "{0}-byte plaintext, {1}-byte AAD", quoteTextArguments = false)
  @CsvSource(
      textBlock =
          """
          0, 0
          0, 5
          1, 0
          15, 3
          16, 16
          17, 1
          1000, 0
          65536, 40
          """)
  @Tag("task:1")
  @DisplayName("seal then open gives the plaintext back; the envelope is 61 bytes longer")
  void roundTrip(int size, int aadSize) throws GeneralSecurityException {
    byte[] plaintext = bytes(size);
    byte[] aad = bytes(aadSize);
    byte[] envelope = Envelope.seal(ALICE.getPublic(), plaintext.clone(), aad.clone());
    assertThat(envelope)
        .as(
            "seal of %d bytes returned null or the wrong length: expected %d + 61 = %d bytes"
                + " (1 version + 32 ephemeral key + 12 nonce + ciphertext + 16 tag)",
            size, size, size + OVERHEAD_BYTES)
        .isNotNull()
        .hasSize(size + OVERHEAD_BYTES);
    assertThat(envelope[0]).as("byte 0 of the envelope, the version").isEqualTo((byte) 0x01);
    assertThat(Envelope.open(ALICE.getPrivate(), envelope.clone(), aad.clone()))
        .as("open(seal(plaintext)) with the same AAD, for a %d-byte plaintext", size)
        .isEqualTo(plaintext);
    if (size >= 16) {
      assertThat(indexOf(envelope, Arrays.copyOf(plaintext, 16)))
          .as("where the plaintext's first 16 bytes appear in the envelope: it must be encrypted")
          .isEqualTo(-1);
    }
  }

  @Test
  @Tag("task:1")
  @DisplayName("bytes 1..32 are a valid X25519 public key that is not the recipient's")
  void carriesAnEphemeralPublicKey() throws GeneralSecurityException {
    byte[] envelope = Envelope.seal(ALICE.getPublic(), bytes(10), new byte[0]);
    byte[] eph = Arrays.copyOfRange(envelope, 1, 1 + PUBLIC_KEY_BYTES);
    assertThat(HEX.formatHex(eph))
        .as(
            "bytes 1..32 must be the ephemeral public key, not the recipient's: the receiver"
                + " needs the sender's half of the agreement to compute the same secret")
        .isNotEqualTo(HEX.formatHex(EnvelopeFormat.rawPublicKey(ALICE.getPublic())));
    assertThat(eph[31] & 0x80)
        .as(
            "the top bit of byte 32 (the last byte of u, little-endian): an encoded X25519 key"
                + " is below 2^255, so it is 0. Did you write u big-endian? Use"
                + " EnvelopeFormat.rawPublicKey")
        .isZero();
  }

  @Test
  @Tag("task:2")
  @DisplayName("the reference implementation opens your envelopes (format, salt, info and AAD)")
  void referenceOpensYours() throws GeneralSecurityException {
    for (int size : new int[] {0, 1, 33}) {
      byte[] plaintext = bytes(size);
      byte[] aad = "order #42".getBytes(StandardCharsets.UTF_8);
      byte[] envelope = Envelope.seal(BOB.getPublic(), plaintext.clone(), aad.clone());
      assertThat(envelope).as("seal's result for %d bytes", size).hasSize(size + OVERHEAD_BYTES);
      byte[] opened = Reference.tryOpen(BOB.getPrivate(), envelope, aad, Reference.Variant.FORMAT);
      if (opened == null) {
        fail(
            "The reference could not open your envelope of a %d-byte plaintext:%n  %s%n%s",
            size, describe(envelope), Reference.diagnose(BOB.getPrivate(), envelope, aad));
      }
      assertThat(opened).as("what the reference read from your envelope").isEqualTo(plaintext);
    }
  }

  @Test
  @Tag("task:2")
  @DisplayName("your open reads the reference implementation's envelopes")
  void yoursOpensReference() throws GeneralSecurityException {
    for (int size : new int[] {0, 1, 33, 4096}) {
      byte[] plaintext = bytes(size);
      byte[] aad = size == 1 ? new byte[0] : "order #42".getBytes(StandardCharsets.UTF_8);
      byte[] envelope =
          Reference.seal(BOB.getPublic(), plaintext, aad, (byte) 0x01, Reference.Variant.FORMAT);
      byte[] opened;
      try {
        opened = Envelope.open(BOB.getPrivate(), envelope.clone(), aad.clone());
      } catch (GeneralSecurityException e) {
        throw new AssertionError(
            ("Your open rejected a valid envelope the reference sealed (%d-byte plaintext, %d-byte"
                    + " AAD) with %s.%n  %s%nRe-read the format: GCM AAD = header (the first 45"
                    + " bytes) then the caller's AAD; HKDF salt = eph (as in the envelope) then"
                    + " EnvelopeFormat.rawPublicKeyOf(your private key); info = EnvelopeFormat.INFO;"
                    + " 32-byte key; 128-bit tag; nonce at bytes 33..44.")
                .formatted(size, aad.length, e, describe(envelope)),
            e);
      }
      assertThat(opened)
          .as("your open of the reference's envelope of a %d-byte plaintext", size)
          .isEqualTo(plaintext);
    }
  }

  @Test
  @Tag("task:3")
  @DisplayName("a flipped bit anywhere (version, key, nonce, ciphertext, tag) is rejected")
  void everyTamperedByteIsRejected() throws GeneralSecurityException {
    byte[] aad = "to: bob".getBytes(StandardCharsets.UTF_8);
    byte[] envelope = Envelope.seal(ALICE.getPublic(), bytes(20), aad);
    assertThat(envelope).as("seal's result for 20 bytes").hasSize(20 + OVERHEAD_BYTES);
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < envelope.length; i++) {
      // bit 0, and bit 7: in the last key byte that is the bit X25519 ignores (RFC 7748 section 5)
      for (int mask : new int[] {0x01, 0x80}) {
        byte[] tampered = envelope.clone();
        tampered[i] ^= (byte) mask;
        String outcome = openOutcome(ALICE.getPrivate(), tampered, aad);
        if (!outcome.equals("rejected")) {
          accepted.add(
              "byte %d (%s) ^ 0x%02x: %s".formatted(i, field(i, envelope.length), mask, outcome));
        }
      }
    }
    assertThat(accepted.stream().limit(6).toList())
        .as(
            "open must throw a GeneralSecurityException (AEADBadTagException from GCM) for an"
                + " envelope with any bit changed; %d of the %d tampered envelopes were not"
                + " rejected (the first shown). A changed version byte must fail too: check it,"
                + " and put the whole header into the GCM AAD. Flipping the top bit of byte 32"
                + " leaves the X25519 key the same (that bit is masked), so only the salt and the"
                + " AAD, which take the bytes as they are, can catch it",
            accepted.size(), envelope.length * 2)
        .isEmpty();
  }

  @Test
  @Tag("task:3")
  @DisplayName("other AAD, or another recipient's private key, is rejected")
  void wrongAadAndWrongRecipientAreRejected() throws GeneralSecurityException {
    byte[] aad = "to: bob".getBytes(StandardCharsets.UTF_8);
    byte[] envelope = Envelope.seal(BOB.getPublic(), bytes(20), aad);
    for (String other : List.of("to: bot", "to: bob ", "")) {
      assertThat(openOutcome(BOB.getPrivate(), envelope, other.getBytes(StandardCharsets.UTF_8)))
          .as(
              "open with AAD \"%s\" of an envelope sealed with AAD \"to: bob\": the caller's AAD"
                  + " must go into the GCM AAD (updateAAD) on both sides",
              other)
          .isEqualTo("rejected");
    }
    assertThat(openOutcome(ALICE.getPrivate(), envelope, aad))
        .as(
            "open with Alice's private key of an envelope sealed to Bob: only Bob's key gives the"
                + " same X25519 secret")
        .isEqualTo("rejected");
  }

  @Test
  @Tag("task:3")
  @DisplayName("truncated or malformed envelopes are rejected with a GeneralSecurityException")
  void truncatedAndMalformedAreRejected() throws GeneralSecurityException {
    byte[] envelope = Envelope.seal(ALICE.getPublic(), bytes(20), new byte[0]);
    for (int length : new int[] {0, 1, 32, 45, 60, envelope.length - 1}) {
      assertThat(openOutcome(ALICE.getPrivate(), Arrays.copyOf(envelope, length), new byte[0]))
          .as(
              "open of the first %d bytes of an %d-byte envelope. Anything shorter than 61 bytes"
                  + " cannot be an envelope: throw a GeneralSecurityException (for example"
                  + " AEADBadTagException) before slicing, never an index exception",
              length, envelope.length)
          .isEqualTo("rejected");
    }
    byte[] version2 =
        Reference.seal(
            ALICE.getPublic(), bytes(20), new byte[0], (byte) 0x02, Reference.Variant.FORMAT);
    assertThat(openOutcome(ALICE.getPrivate(), version2, new byte[0]))
        .as(
            "open of an envelope with version byte 0x02 (otherwise well formed, with the header"
                + " in its AAD): a version-1 reader must refuse versions it does not know, not"
                + " guess")
        .isEqualTo("rejected");
    byte[] zeroKey = envelope.clone();
    Arrays.fill(zeroKey, 1, 1 + PUBLIC_KEY_BYTES, (byte) 0);
    assertThat(openOutcome(ALICE.getPrivate(), zeroKey, new byte[0]))
        .as(
            "open of an envelope whose ephemeral key is u = 0, a small-order point: the JDK's"
                + " X25519 refuses it with an InvalidKeyException; let it through, it is a"
                + " GeneralSecurityException")
        .isEqualTo("rejected");
  }

  @Test
  @Tag("task:4")
  @DisplayName("every envelope has its own ephemeral key and its own random nonce")
  void freshKeyAndNonceEachTime() throws GeneralSecurityException {
    byte[] message = "same message".getBytes(StandardCharsets.UTF_8);
    Set<String> keys = new LinkedHashSet<>();
    Set<String> nonces = new LinkedHashSet<>();
    for (int i = 0; i < 4; i++) {
      byte[] envelope = Envelope.seal(ALICE.getPublic(), message, new byte[0]);
      keys.add(HEX.formatHex(envelope, 1, 1 + PUBLIC_KEY_BYTES));
      nonces.add(HEX.formatHex(envelope, 1 + PUBLIC_KEY_BYTES, HEADER_BYTES));
    }
    assertThat(keys)
        .as(
            "the ephemeral public keys of 4 envelopes: each seal must generate a new X25519 key"
                + " pair. A key pair kept in a field makes every envelope to Alice use the same"
                + " AES key, and whoever steals that one private key reads them all")
        .hasSize(4);
    assertThat(nonces)
        .as(
            "the nonces of 4 envelopes: the format asks for 12 fresh random bytes from a"
                + " SecureRandom each time. (Here a fresh ephemeral key already gives each"
                + " envelope its own AES key, so a repeated nonce would not leak; the habit is"
                + " what saves you wherever a key is used twice: one key, one nonce, once)")
        .hasSize(4)
        .doesNotContain("00".repeat(NONCE_BYTES));
  }

  @Test
  @Tag("task:5")
  @DisplayName("habits, read from your class file: no java.util.Random, no ECB, no bare \"AES\"")
  void habits() throws IOException {
    Set<String> classes = new LinkedHashSet<>();
    Set<String> methods = new LinkedHashSet<>();
    Set<String> strings = new LinkedHashSet<>();
    Set<String> transformations = new LinkedHashSet<>();
    for (ClassModel model : learnerClasses()) {
      transformations.addAll(cipherTransformations(model));
      for (PoolEntry entry : model.constantPool()) {
        switch (entry) {
          case ClassEntry c -> classes.add(c.asInternalName());
          case MemberRefEntry m ->
              methods.add(m.owner().asInternalName() + "." + m.name().stringValue());
          case StringEntry s -> strings.add(s.stringValue());
          default -> {}
        }
      }
    }
    List<String> weakRandom =
        classes.stream()
            .filter(
                c ->
                    c.equals("java/util/Random")
                        || c.equals("java/util/concurrent/ThreadLocalRandom")
                        || c.equals("java/util/SplittableRandom"))
            .toList();
    assertThat(weakRandom)
        .as(
            "predictable random generators your Envelope uses. java.util.Random is a 48-bit"
                + " linear congruential generator: a few outputs give away its state and every"
                + " later nonce or key. Use SecureRandom (or the JDK's own: KeyPairGenerator"
                + " already uses one)")
        .isEmpty();
    assertThat(methods)
        .as("Math.random() is java.util.Random underneath: use SecureRandom")
        .doesNotContain("java/lang/Math.random");
    List<String> ecb =
        strings.stream().filter(s -> s.toUpperCase(Locale.ROOT).contains("ECB")).toList();
    assertThat(ecb)
        .as(
            "strings in your Envelope that name ECB mode: ECB encrypts each 16-byte block alone,"
                + " so equal blocks give equal ciphertext, and nothing detects tampering. Use"
                + " \"AES/GCM/NoPadding\"")
        .isEmpty();
    assertThat(transformations)
        .as(
            "the transformations your Envelope passes to Cipher.getInstance. A bare \"AES\" is"
                + " AES/ECB/PKCS5Padding in the JDK: no nonce, no tag, equal blocks visible."
                + " Name the mode: \"AES/GCM/NoPadding\"")
        .allSatisfy(t -> assertThat(t).isNotEqualToIgnoringCase("AES"));
  }

  /** "rejected" for a GeneralSecurityException, else what open did instead. */
  private static String openOutcome(PrivateKey key, byte[] envelope, byte[] aad) {
    try {
      byte[] result = Envelope.open(key, envelope.clone(), aad.clone());
      return "accepted, open returned " + (result == null ? "null" : result.length + " bytes");
    } catch (GeneralSecurityException e) {
      return "rejected";
    } catch (UnsupportedOperationException e) {
      throw e; // reported by prep as "not implemented yet"
    } catch (RuntimeException e) {
      return "threw " + e + " instead of a GeneralSecurityException";
    }
  }

  /** Which field of the format byte {@code i} belongs to. */
  private static String field(int i, int length) {
    if (i == 0) {
      return "version";
    } else if (i <= PUBLIC_KEY_BYTES) {
      return "ephemeral key";
    } else if (i < HEADER_BYTES) {
      return "nonce";
    }
    return i < length - 16 ? "ciphertext" : "tag";
  }

  /** An envelope split into its fields, in hex. */
  static String describe(byte[] envelope) {
    if (envelope.length < OVERHEAD_BYTES) {
      return "(%d bytes, too short for the format) %s"
          .formatted(envelope.length, HEX.formatHex(envelope));
    }
    int tag = envelope.length - 16;
    return "version %s | eph %s | nonce %s | ciphertext %s | tag %s"
        .formatted(
            HEX.formatHex(envelope, 0, 1),
            HEX.formatHex(envelope, 1, 1 + PUBLIC_KEY_BYTES),
            HEX.formatHex(envelope, 1 + PUBLIC_KEY_BYTES, HEADER_BYTES),
            tag == HEADER_BYTES ? "(empty)" : HEX.formatHex(envelope, HEADER_BYTES, tag),
            HEX.formatHex(envelope, tag, envelope.length));
  }

  /** The string constant loaded last before each call of Cipher.getInstance: its transformation. */
  private static List<String> cipherTransformations(ClassModel model) {
    List<String> found = new ArrayList<>();
    for (MethodModel method : model.methods()) {
      String last = null;
      for (CodeElement element : method.code().map(code -> code.elementList()).orElse(List.of())) {
        if (element instanceof ConstantInstruction constant
            && constant.constantValue() instanceof String text) {
          last = text;
        } else if (element instanceof InvokeInstruction call
            && call.owner().asInternalName().equals("javax/crypto/Cipher")
            && call.name().equalsString("getInstance")
            && last != null) {
          found.add(last);
        }
      }
    }
    return found;
  }

  /** Envelope.class and its nested classes, parsed. */
  private static List<ClassModel> learnerClasses() throws IOException {
    List<ClassModel> models = new ArrayList<>();
    ClassModel top = parse("dev/prep/crypto/Envelope");
    models.add(top);
    for (var attribute : top.attributes()) {
      if (attribute instanceof NestMembersAttribute nest) {
        for (ClassEntry member : nest.nestMembers()) {
          models.add(parse(member.asInternalName()));
        }
      }
    }
    return models;
  }

  private static ClassModel parse(String internalName) throws IOException {
    try (InputStream in =
        Envelope.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
      if (in == null) {
        fail("could not read " + internalName + ".class to check its habits");
      }
      return ClassFile.of().parse(in.readAllBytes());
    }
  }

  private static KeyPair x25519() {
    try {
      return KeyPairGenerator.getInstance("X25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(int size) {
    byte[] b = new byte[size];
    RANDOM.nextBytes(b);
    return b;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The format, written independently of the learner's file: seal with any version byte, open, and
   * the deviations the diagnosis tries.
   */
  static final class Reference {
    private Reference() {}

    /** What goes into the GCM AAD and the HKDF salt; FORMAT is the one the exercise specifies. */
    enum Variant {
      FORMAT("header ‖ aad", "eph ‖ recipient", true),
      AAD_ONLY("only the caller's aad (no header)", "eph ‖ recipient", true),
      AAD_THEN_HEADER("aad ‖ header (the wrong order)", "eph ‖ recipient", true),
      HEADER_ONLY("only the header (the caller's aad left out)", "eph ‖ recipient", true),
      SALT_SWAPPED("header ‖ aad", "recipient ‖ eph (the wrong order)", true),
      SALT_EPH_ONLY("header ‖ aad", "eph only", true),
      NO_SALT("header ‖ aad", "none", true),
      NO_HKDF("header ‖ aad", "none", false),
      NO_HEADER_NO_SALT("only the caller's aad (no header)", "none", true);

      final String aad;
      final String salt;
      final boolean hkdf;

      Variant(String aad, String salt, boolean hkdf) {
        this.aad = aad;
        this.salt = salt;
        this.hkdf = hkdf;
      }
    }

    static byte[] seal(PublicKey recipient, byte[] plaintext, byte[] aad, byte version, Variant v)
        throws GeneralSecurityException {
      KeyPair ephemeral = x25519();
      byte[] eph = EnvelopeFormat.rawPublicKey(ephemeral.getPublic());
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      byte[] header = concat(new byte[] {version}, eph, nonce);
      SecretKey key =
          key(ephemeral.getPrivate(), recipient, eph, EnvelopeFormat.rawPublicKey(recipient), v);
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      gcm.updateAAD(gcmAad(header, aad, v));
      return concat(header, gcm.doFinal(plaintext));
    }

    /** The plaintext, or null if this variant does not open it. */
    static byte[] tryOpen(PrivateKey recipient, byte[] envelope, byte[] aad, Variant v) {
      if (envelope == null || envelope.length < OVERHEAD_BYTES) {
        return null;
      }
      try {
        byte[] header = Arrays.copyOf(envelope, HEADER_BYTES);
        byte[] eph = Arrays.copyOfRange(envelope, 1, 1 + PUBLIC_KEY_BYTES);
        SecretKey key =
            key(
                recipient,
                EnvelopeFormat.publicKeyFromRaw(eph),
                eph,
                EnvelopeFormat.rawPublicKeyOf(recipient),
                v);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(
            Cipher.DECRYPT_MODE,
            key,
            new GCMParameterSpec(
                128, Arrays.copyOfRange(envelope, 1 + PUBLIC_KEY_BYTES, HEADER_BYTES)));
        gcm.updateAAD(gcmAad(header, aad, v));
        return gcm.doFinal(envelope, HEADER_BYTES, envelope.length - HEADER_BYTES);
      } catch (GeneralSecurityException e) {
        return null;
      }
    }

    /** Why the reference cannot open an envelope: the deviation that does open it, if any. */
    static String diagnose(PrivateKey recipient, byte[] envelope, byte[] aad) {
      if (envelope[0] != 0x01) {
        return "Byte 0 must be the version 0x01.";
      }
      for (Variant v : Variant.values()) {
        if (v != Variant.FORMAT && tryOpen(recipient, envelope, aad, v) != null) {
          return ("It opens when the GCM AAD is %s and the HKDF salt is %s%s. The format: GCM"
                  + " AAD = header (bytes 0..44) ‖ the caller's AAD, HKDF-SHA256 salt = eph ‖"
                  + " recipient's raw public key, info = EnvelopeFormat.INFO, 32 bytes.")
              .formatted(
                  v.aad, v.salt, v.hkdf ? "" : ", with the raw X25519 output as the AES key");
        }
      }
      return "No usual deviation opens it either (AAD without the header, salt order, no salt, no"
          + " HKDF). Check: eph at bytes 1..32 is the public key of the private key you agreed"
          + " with; HKDF info is exactly EnvelopeFormat.INFO (\"prep hybrid envelope v1\"); the"
          + " key is 32 bytes; the tag is 128 bits; the nonce at bytes 33..44 is the one you"
          + " encrypted with.";
    }

    private static SecretKey key(
        PrivateKey privateKey, PublicKey publicKey, byte[] eph, byte[] recipient, Variant v)
        throws GeneralSecurityException {
      KeyAgreement agreement = KeyAgreement.getInstance("X25519");
      agreement.init(privateKey);
      agreement.doPhase(publicKey, true);
      byte[] shared = agreement.generateSecret();
      if (!v.hkdf) {
        return new SecretKeySpec(shared, "AES");
      }
      var extract = HKDFParameterSpec.ofExtract().addIKM(shared);
      switch (v) {
        case SALT_SWAPPED -> extract = extract.addSalt(concat(recipient, eph));
        case SALT_EPH_ONLY -> extract = extract.addSalt(eph);
        case NO_SALT, NO_HEADER_NO_SALT -> {}
        default -> extract = extract.addSalt(concat(eph, recipient));
      }
      return KDF.getInstance("HKDF-SHA256")
          .deriveKey("AES", extract.thenExpand(EnvelopeFormat.INFO, EnvelopeFormat.KEY_BYTES));
    }

    private static byte[] gcmAad(byte[] header, byte[] aad, Variant v) {
      return switch (v) {
        case AAD_ONLY, NO_HEADER_NO_SALT -> aad;
        case AAD_THEN_HEADER -> concat(aad, header);
        case HEADER_ONLY -> header;
        default -> concat(header, aad);
      };
    }

    private static byte[] concat(byte[]... parts) {
      int length = 0;
      for (byte[] part : parts) {
        length += part.length;
      }
      byte[] out = new byte[length];
      int at = 0;
      for (byte[] part : parts) {
        System.arraycopy(part, 0, out, at, part.length);
        at += part.length;
      }
      return out;
    }
  }
}
