package uk.vruhub.aggregator.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.vruhub.aggregator.state.CohortRules;
import uk.vruhub.avro.common.Agency;
import uk.vruhub.avro.common.Sex;
import uk.vruhub.avro.hub.RiskFlag;

/**
 * The cohort's changelogged state as this release wrote it, kept as bytes: whatever later releases
 * add to or reorder in Agency, Sex, RiskFlag or the kinds of fact, these bytes must read back with
 * the same labels. A change that breaks that fails here, not in a restored production store.
 */
class StoredStateFormatTest {

  /** {@link #person()} written by {@link LinkEntry#serde()}, format 4. */
  static final String PERSON =
      "0450000000000000000700000002001246554c4c4e414d455f444f425f5345587c78000555504e7c"
          + "7500000002000272310006504f4c494345000d504f4c4943455f56494354494d0000502b0000503f"
          + "001100044d414c45010009453031393030303037010100010008504e435f49447c6b010009453037"
          + "303030303031fffe000100026b310102000000000000000100000000000000020000000000000003"
          + "00000000000000040000000000000005000000000000000600000000000000070000000000000008"
          + "01000000000000000901000000000000000a000000000000000b000000000000000c000000000000"
          + "000d01000000000000000e02000000000000000f0000000000000010020000000000000011000000"
          + "0000000012000273310009454455434154494f4e00115343484f4f4c5f53555350454e53494f4e00"
          + "0050060000503f0010000646454d414c4501000945303139303030303700000001000555504e7c75"
          + "00000000000002020006504f4c494345000000010009454455434154494f4e000000010200064645"
          + "4d414c450000000100044d414c450000000102000d504f4c4943455f56494354494d000000010011"
          + "5343484f4f4c5f53555350454e53494f4e0000000100000001000000010000000100000000010000"
          + "5006010000502b010006504f4c494345000d504f4c4943455f56494354494d0000502b0000503f00"
          + "1100044d414c45010009453031393030303037010100000100094530373030303030310001000650"
          + "4f4c494345000d504f4c4943455f56494354494d0000502b0000503f001100044d414c4501000945"
          + "3031393030303037010100000100094530373030303030310000";

  /** {@link #person()} as the release before wrote it (format 3: blocks without initials). */
  static final String PERSON_FORMAT_3 =
      "0350000000000000000700000002001246554c4c4e414d455f444f425f5345587c78000555504e7c"
          + "7500000002000272310006504f4c494345000d504f4c4943455f56494354494d0000502b0000503f"
          + "001100044d414c45010009453031393030303037010100010008504e435f49447c6b010009453037"
          + "303030303031fffe000100026b310102000000000000000100000000000000020000000000000003"
          + "00000000000000040000000000000005000000000000000600000000000000070000000000000008"
          + "01000000000000000901000000000000000a000000000000000b000000000000000c000000000000"
          + "000d01000000000000000e02000000000000000f0000000000000010000273310009454455434154"
          + "494f4e00115343484f4f4c5f53555350454e53494f4e000050060000503f0010000646454d414c45"
          + "01000945303139303030303700000001000555504e7c7500000000000002020006504f4c49434500"
          + "0000010009454455434154494f4e0000000102000646454d414c450000000100044d414c45000000"
          + "0102000d504f4c4943455f56494354494d0000000100115343484f4f4c5f53555350454e53494f4e"
          + "00000001000000010000000100000001000000000100005006010000502b010006504f4c49434500"
          + "0d504f4c4943455f56494354494d0000502b0000503f001100044d414c4501000945303139303030"
          + "30370101000001000945303730303030303100010006504f4c494345000d504f4c4943455f564943"
          + "54494d0000502b0000503f001100044d414c45010009453031393030303037010100000100094530"
          + "373030303030310000";

  /** {@link #cell()} written by {@link SummaryCell#serde()}, format 1. */
  static final String CELL =
      "01000945303539303030303401000531352d313702000f56494f4c454e43455f56494354494d000c4d554c54495f4147454e4359";

  private static final LocalDate MARCH = LocalDate.of(2026, 3, 31);

  /** An encoding with one block of each part, so its layout is kept here too. */
  static Encoding encoding() {
    return Encoding.of(
        List.of(
            new Encoding.Block(
                "k1",
                true,
                new long[][] {{1, 2, 3, 4}, {5, 6, 7, 8}},
                new long[] {9},
                new long[][] {{10, 11, 12, 13}},
                14L,
                new long[] {15, 16},
                new long[] {17, 18})));
  }

  /**
   * A person known to the police (a violent victim) and a school (a suspension), both records of
   * one encoding (stored once).
   */
  static LinkEntry.Person person() {
    LinkEntry.Person p = new LinkEntry.Person(7);
    p.keys().add("FULLNAME_DOB_SEX|x");
    p.keys().add("UPN|u");
    p.records()
        .put(
            "r1",
            new PersonFact(
                Agency.POLICE,
                PersonFact.Kind.POLICE_VICTIM,
                LocalDate.of(2026, 3, 11),
                MARCH,
                17,
                Sex.MALE,
                "E01900007",
                true,
                true,
                List.of("PNC_ID|k"),
                "E07000001",
                encoding()));
    p.records()
        .put(
            "s1",
            new PersonFact(
                Agency.EDUCATION,
                PersonFact.Kind.SCHOOL_SUSPENSION,
                LocalDate.of(2026, 2, 2),
                MARCH,
                16,
                Sex.FEMALE,
                "E01900007",
                false,
                false,
                List.of("UPN|u"),
                null,
                encoding()));
    p.recount(WindowCounts.Window.of(LocalDate.of(2026, 3, 1), 12));
    return p;
  }

  static SummaryCell cell() {
    return new SummaryCell(
        "E05900004", "15-17", List.of(RiskFlag.VIOLENCE_VICTIM, RiskFlag.MULTI_AGENCY));
  }

  @Test
  void thisReleaseWritesTheBytesKeptHere() {
    assertThat(hex(LinkEntry.serde().serializer().serialize("t", person()))).isEqualTo(PERSON);
    assertThat(hex(SummaryCell.serde().serializer().serialize("t", cell()))).isEqualTo(CELL);
  }

  @Test
  void aStoreOfTheFormatBeforeIsRefusedWithTheWayToRebuildIt() {
    assertThatThrownBy(
            () ->
                LinkEntry.serde()
                    .deserializer()
                    .deserialize("t", HexFormat.of().parseHex(PERSON_FORMAT_3)))
        .hasMessageContaining("has format 3")
        .hasMessageContaining("reset the aggregator's state");
  }

  @Test
  void storedPersonReadsBackWithItsLabels() {
    LinkEntry.Person p =
        (LinkEntry.Person)
            LinkEntry.serde().deserializer().deserialize("t", HexFormat.of().parseHex(PERSON));
    assertThat(p.id()).isEqualTo("P000000007");
    assertThat(p.records().get("r1").agency()).isEqualTo(Agency.POLICE);
    assertThat(p.records().get("r1").kind()).isEqualTo(PersonFact.Kind.POLICE_VICTIM);
    assertThat(p.records().get("s1").sex()).isEqualTo(Sex.FEMALE);
    assertThat(p.records().get("r1").keys()).containsExactly("PNC_ID|k");
    assertThat(p.records().get("r1").homeDistrict()).isEqualTo("E07000001");
    assertThat(p.records().get("r1").encoding()).isEqualTo(encoding());
    assertThat(p.records().get("s1").encoding())
        .as("one encoding, stored once, read once")
        .isSameAs(p.records().get("r1").encoding());
    assertThat(p.blockKeys()).contains("k1").hasSize(3); // one block, two variants (sexes)
    WindowCounts c = p.counts();
    assertThat(c.agency(Agency.POLICE)).isEqualTo(1);
    assertThat(c.agency(Agency.EDUCATION)).isEqualTo(1);
    assertThat(c.agency(Agency.HEALTH)).isZero();
    assertThat(c.kind(PersonFact.Kind.POLICE_VICTIM)).isEqualTo(1);
    assertThat(c.kind(PersonFact.Kind.SCHOOL_SUSPENSION)).isEqualTo(1);
    assertThat(c.sex(Sex.MALE)).isEqualTo(1);
    assertThat(c.sex(Sex.FEMALE)).isEqualTo(1);
    Profile profile = p.profile(CohortRules.defaults("hips-2023"));
    assertThat(profile.agencies()).containsExactly(Agency.POLICE, Agency.EDUCATION);
    assertThat(profile.flags())
        .containsExactly(
            RiskFlag.VIOLENCE_VICTIM,
            RiskFlag.WEAPON_INVOLVED,
            RiskFlag.SCHOOL_SUSPENSION,
            RiskFlag.MULTI_AGENCY);
    assertThat(profile.age()).isEqualTo(17);
    assertThat(profile).isEqualTo(person().profile(CohortRules.defaults("hips-2023")));
  }

  @Test
  void storedCellReadsBackWithItsFlags() {
    assertThat(SummaryCell.serde().deserializer().deserialize("t", HexFormat.of().parseHex(CELL)))
        .isEqualTo(cell());
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
