package uk.vruhub.ingest.core.identity;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.spec.AlgorithmParameterSpec;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.MacSpi;
import javax.crypto.spec.SecretKeySpec;

/** The test linkage secret's pseudonymiser, for tests in other packages. */
public final class PseudonymiserTestAccess {

  private PseudonymiserTestAccess() {}

  public static Pseudonymiser pseudonymiser() {
    return new Pseudonymiser(PseudonymiserTest.SECRET);
  }

  /**
   * The same pseudonymiser (same secret, same pseudonyms), counting in {@code hmacs} every HMAC it
   * computes, on whichever thread.
   */
  public static Pseudonymiser counting(AtomicLong hmacs) {
    return new Pseudonymiser(PseudonymiserTest.SECRET, key -> countingMac(key, hmacs));
  }

  /** HMAC-SHA256 under the key, counting each {@code doFinal}. */
  static Mac countingMac(byte[] key, AtomicLong hmacs) {
    try {
      Mac real = Mac.getInstance("HmacSHA256");
      real.init(new SecretKeySpec(key, "HmacSHA256"));
      MacSpi counted =
          new MacSpi() {
            @Override
            protected int engineGetMacLength() {
              return real.getMacLength();
            }

            @Override
            protected void engineInit(Key k, AlgorithmParameterSpec params)
                throws InvalidKeyException, InvalidAlgorithmParameterException {
              real.init(k, params);
            }

            @Override
            protected void engineUpdate(byte input) {
              real.update(input);
            }

            @Override
            protected void engineUpdate(byte[] input, int offset, int len) {
              real.update(input, offset, len);
            }

            @Override
            protected byte[] engineDoFinal() {
              hmacs.incrementAndGet();
              return real.doFinal();
            }

            @Override
            protected void engineReset() {
              real.reset();
            }
          };
      Mac mac = new Mac(counted, real.getProvider(), "HmacSHA256") {};
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
