package uk.vruhub.aggregator.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.vruhub.avro.common.SimilarityBlock;
import uk.vruhub.avro.common.SimilarityBlockKind;
import uk.vruhub.avro.common.SimilarityEncoding;

/**
 * What the linkage reads of an encoding a broken or hostile producer sends: bounded, never more.
 */
class EncodingTest {

  private static SimilarityBlock block(String key, int filters, int hashes, int filterBytes) {
    List<ByteBuffer> f = new ArrayList<>();
    List<ByteBuffer> h = new ArrayList<>();
    for (int i = 0; i < filters; i++) {
      f.add(ByteBuffer.wrap(new byte[filterBytes]));
    }
    for (int i = 0; i < hashes; i++) {
      h.add(ByteBuffer.allocate(8).putLong(0, i));
    }
    return SimilarityBlock.newBuilder()
        .setKind(SimilarityBlockKind.DATE_OF_BIRTH)
        .setKey(key)
        .setGivenFilters(f)
        .setVariantGroups(h)
        .setFamilyFilters(f)
        .setDateHash(ByteBuffer.allocate(8))
        .setDateVariants(h)
        .build();
  }

  @Test
  void anOtherVersionIsNotRead() {
    SimilarityEncoding e =
        SimilarityEncoding.newBuilder()
            .setVersion(2)
            .setBlocks(List.of(block("k", 1, 1, 32)))
            .build();
    assertThat(Encoding.of(e)).isNull();
    assertThat(Encoding.of((SimilarityEncoding) null)).isNull();
  }

  @Test
  void tooManyOrTooLargePartsAreCutOrDropped() {
    List<SimilarityBlock> blocks = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      blocks.add(block("key" + i, 1000, 1000, 32));
    }
    blocks.add(block("x".repeat(100_000), 1, 1, 32));
    blocks.add(block("key0", 1, 1, 32));
    Encoding e =
        Encoding.of(SimilarityEncoding.newBuilder().setVersion(1).setBlocks(blocks).build());
    assertThat(e.blocks()).hasSize(Encoding.MAX_PER_KIND);
    assertThat(e.blocks())
        .allSatisfy(
            b -> {
              assertThat(b.key()).hasSizeLessThanOrEqualTo(Encoding.MAX_KEY_LENGTH);
              assertThat(b.given().length).isEqualTo(Encoding.MAX_PER_KIND);
              assertThat(b.groups()).hasSize(Encoding.MAX_PER_KIND);
              assertThat(b.dateVariants()).hasSize(Encoding.MAX_PER_KIND);
            });
    // And it still writes and reads back: nothing a producer sends can make the state unwritable.
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      Encoding.write(e, out);
    } catch (java.io.IOException x) {
      throw new AssertionError(x);
    }
    try (java.io.DataInputStream in =
        new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(Encoding.read(in)).isEqualTo(e);
    } catch (java.io.IOException x) {
      throw new AssertionError(x);
    }
  }

  @Test
  void aShortDateHashIsNoDate() {
    SimilarityBlock b = block("k", 1, 1, 32);
    b.setDateHash(ByteBuffer.wrap(new byte[3]));
    Encoding e =
        Encoding.of(SimilarityEncoding.newBuilder().setVersion(1).setBlocks(List.of(b)).build());
    assertThat(e.blocks().get(0).date()).isNull();
  }

  @Test
  void filtersOfTheWrongSizeAreSkipped() {
    Encoding e =
        Encoding.of(
            SimilarityEncoding.newBuilder()
                .setVersion(1)
                .setBlocks(List.of(block("k", 2, 1, 31)))
                .build());
    assertThat(e.blocks().get(0).given().length).isZero();
    assertThat(e.blocks().get(0).family().length).isZero();
  }
}
