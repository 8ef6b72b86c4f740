package uk.vruhub.ingest.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.vruhub.ingest.core.contract.FeedContract;
import uk.vruhub.ingest.core.validate.FeedRefusedException;

class FeedReaderTest {

  private static final FeedContract CONTRACT = FeedContract.load("/test-contract.yaml");

  private static List<FeedReader.RawRow> read(byte[] bytes) {
    List<FeedReader.RawRow> rows = new ArrayList<>();
    try (FeedReader reader = FeedReader.open(new ByteArrayInputStream(bytes), CONTRACT)) {
      reader.forEach(rows::add);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return rows;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsByHeaderNameWithBomCrlfAndQuotedFields() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body =
        utf8("Sex,Surname,REFERENCE,extra\r\nM,\"Smith, Jr\",R1,x\r\nF,\"O'Neil\nSmith\",R2,y\r\n");
    byte[] bytes = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, bytes, 0, 3);
    System.arraycopy(body, 0, bytes, 3, body.length);

    List<FeedReader.RawRow> rows = read(bytes);

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).values())
        .containsEntry("reference", "R1")
        .containsEntry("surname", "Smith, Jr")
        .containsEntry("sex", "M")
        .doesNotContainKey("extra");
    assertThat(rows.get(1).values()).containsEntry("surname", "O'Neil\nSmith");
    assertThat(rows.get(0).row()).isEqualTo(2);
    assertThat(rows.get(1).row()).isEqualTo(3);
  }

  @Test
  void aMissingRequiredColumnRefusesTheFeed() {
    assertThatThrownBy(() -> read(utf8("surname,sex\nSmith,M\n")))
        .isInstanceOfSatisfying(
            FeedRefusedException.class, e -> assertThat(e.reason()).isEqualTo("MISSING_COLUMNS"))
        .hasMessage("The header lacks required column reference of contract test-v1.");
  }

  @Test
  void anEmptyFileOrAHeaderWithoutRowsIsRefused() {
    assertThatThrownBy(() -> read(new byte[0]))
        .isInstanceOfSatisfying(
            FeedRefusedException.class, e -> assertThat(e.reason()).isEqualTo("EMPTY_FILE"));
    assertThatThrownBy(() -> read(utf8("reference,sex\r\n")))
        .isInstanceOfSatisfying(
            FeedRefusedException.class, e -> assertThat(e.reason()).isEqualTo("HEADER_ONLY"));
  }

  @Test
  void bytesThatAreNotUtf8AreRefusedWithTheRow() {
    byte[] latin1 =
        "reference,sex,surname\nR1,M,Smith\nR2,F,Zo\u00eb\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> read(latin1))
        .isInstanceOfSatisfying(
            FeedRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo("UNREADABLE_ENCODING"))
        .hasMessageContaining("not UTF-8")
        .hasMessageNotContaining("Zo");
  }

  @Test
  void brokenQuotingIsRefused() {
    assertThatThrownBy(() -> read(utf8("reference,sex,surname\nR1,M,\"Smith\nR2,F,Jones\n")))
        .isInstanceOfSatisfying(
            FeedRefusedException.class, e -> assertThat(e.reason()).isEqualTo("MALFORMED_CSV"));
  }

  @Test
  void aColumnNamedTwiceIsRefused() {
    assertThatThrownBy(() -> read(utf8("reference,sex,reference\nR1,M,R2\n")))
        .isInstanceOfSatisfying(
            FeedRefusedException.class, e -> assertThat(e.reason()).isEqualTo("DUPLICATE_COLUMN"));
  }

  @Test
  void aColumnNamedTwiceIsRefusedByThePositionsOfBoth() {
    assertThatThrownBy(() -> read(utf8("reference,sex,Reference\nR1,M,R2\n")))
        .hasMessage(
            "Columns 1 and 3 of the header have the same name (reference); each column may be"
                + " named once.");
    assertThatThrownBy(() -> read(utf8("reference,Okonkwo,sex,okonkwo \nR1,x,M,y\n")))
        .isInstanceOfSatisfying(
            FeedRefusedException.class, e -> assertThat(e.reason()).isEqualTo("DUPLICATE_COLUMN"))
        .hasMessage(
            "Columns 2 and 4 of the header have the same name; each column may be named once.");
  }

  @Test
  void columnsNotInTheContractAreKnownByPositionAndUnnamedOnesMayRepeat() throws Exception {
    try (FeedReader reader =
        FeedReader.open(
            new ByteArrayInputStream(utf8("reference,Okonkwo,sex,,,02/11/2008\nR1,a,M,,,b\n")),
            CONTRACT)) {
      assertThat(reader.ignoredColumns()).containsExactly(2, 4, 5, 6);
    }
  }

  @Test
  void theParsersOwnMessagesWhichQuoteTheFeedAreNotPassedOn() {
    assertThatThrownBy(() -> read(utf8("reference,sex,surname\nR1,M,\"Okonkwo\"Daniel\n")))
        .isInstanceOfSatisfying(
            FeedRefusedException.class, e -> assertThat(e.reason()).isEqualTo("MALFORMED_CSV"))
        .hasMessageNotContaining("Okonkwo")
        .hasMessageNotContaining("Daniel")
        .hasNoCause();
  }
}
