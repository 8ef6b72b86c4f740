package uk.vruhub.aggregator.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Stored counts keep their labels when an enum changes: written under one version of an enum and
 * read under the next, with a symbol added in front and the others reordered, each count is still
 * the count of the symbol it was written for. The same restore under the encoding the cohort's
 * state used before (ordinals) relabels them, which the last test shows.
 */
class StateCodecTest {

  /** An enum as the stored state was written under. */
  enum Before {
    POLICE,
    HEALTH,
    EDUCATION
  }

  /** The same enum one release later: a symbol added in front, the others reordered. */
  enum After {
    PROBATION,
    EDUCATION,
    HEALTH,
    POLICE
  }

  /** How counts per symbol go to bytes and back. */
  interface CountsCodec {
    byte[] write(Enum<?>[] symbols, int[] counts) throws IOException;

    <E extends Enum<E>> int[] read(byte[] bytes, Class<E> type) throws IOException;
  }

  /** The cohort's codec ({@link StateCodec}): symbols by name. */
  static final CountsCodec BY_NAME =
      new CountsCodec() {
        @Override
        public byte[] write(Enum<?>[] symbols, int[] counts) throws IOException {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          try (DataOutputStream out = new DataOutputStream(bytes)) {
            StateCodec.writeCounts(out, symbols, counts);
          }
          return bytes.toByteArray();
        }

        @Override
        public <E extends Enum<E>> int[] read(byte[] bytes, Class<E> type) throws IOException {
          try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return StateCodec.readCounts(in, type);
          }
        }
      };

  /** The encoding format 1 of the cohort's state used: a byte per symbol, its ordinal. */
  static final CountsCodec BY_ORDINAL =
      new CountsCodec() {
        @Override
        public byte[] write(Enum<?>[] symbols, int[] counts) throws IOException {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(counts.length);
            for (int i = 0; i < counts.length; i++) {
              out.writeByte(symbols[i].ordinal());
              out.writeInt(counts[i]);
            }
          }
          return bytes.toByteArray();
        }

        @Override
        public <E extends Enum<E>> int[] read(byte[] bytes, Class<E> type) throws IOException {
          E[] symbols = type.getEnumConstants();
          int[] counts = new int[symbols.length];
          try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int n = in.readByte();
            for (int i = 0; i < n; i++) {
              counts[symbols[in.readByte()].ordinal()] += in.readInt();
            }
          }
          return counts;
        }
      };

  /** Counts written under {@link Before} and restored under {@link After} keep their labels. */
  private static void restoredCountsKeepTheirLabels(CountsCodec codec) throws IOException {
    int[] written = new int[Before.values().length];
    written[Before.POLICE.ordinal()] = 3;
    written[Before.HEALTH.ordinal()] = 1;
    byte[] stored = codec.write(Before.values(), written);

    int[] restored = codec.read(stored, After.class);

    assertThat(restored[After.POLICE.ordinal()]).as("police").isEqualTo(3);
    assertThat(restored[After.HEALTH.ordinal()]).as("health").isEqualTo(1);
    assertThat(restored[After.EDUCATION.ordinal()]).as("education").isZero();
    assertThat(restored[After.PROBATION.ordinal()]).as("the new symbol").isZero();
  }

  @Test
  void countsStoredByNameKeepTheirLabelsWhenTheEnumGainsASymbolAndIsReordered() throws IOException {
    restoredCountsKeepTheirLabels(BY_NAME);
  }

  @Test
  void theFormerOrdinalEncodingFailsTheSameRestore() {
    assertThatThrownBy(() -> restoredCountsKeepTheirLabels(BY_ORDINAL))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("police");
  }

  @Test
  void aNameTheCodeNoLongerKnowsIsAnErrorNotARelabelling() throws IOException {
    int[] written = new int[After.values().length];
    written[After.PROBATION.ordinal()] = 2;
    byte[] stored = BY_NAME.write(After.values(), written);

    assertThatThrownBy(() -> BY_NAME.read(stored, Before.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Before 'PROBATION'")
        .hasMessageContaining("reset the aggregator's state");
  }

  @Test
  void enumNamesEncodedOnceAreTheBytesBinaryWrites() throws Exception {
    for (Class<? extends Enum<?>> type :
        java.util.List.of(
            uk.vruhub.avro.common.Agency.class,
            uk.vruhub.avro.common.Sex.class,
            uk.vruhub.avro.hub.RiskFlag.class,
            PersonFact.Kind.class)) {
      for (Enum<?> symbol : type.getEnumConstants()) {
        java.io.ByteArrayOutputStream direct = new java.io.ByteArrayOutputStream();
        uk.vruhub.aggregator.state.Binary.writeEnum(new java.io.DataOutputStream(direct), symbol);
        java.io.ByteArrayOutputStream once = new java.io.ByteArrayOutputStream();
        StateCodec.writeEnum(new java.io.DataOutputStream(once), symbol);
        org.assertj.core.api.Assertions.assertThat(once.toByteArray())
            .as(symbol.name())
            .isEqualTo(direct.toByteArray());
      }
    }
  }
}
