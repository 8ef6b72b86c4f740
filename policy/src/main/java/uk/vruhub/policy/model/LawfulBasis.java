package uk.vruhub.policy.model;

import java.util.Locale;

/**
 * One named lawful basis of the information-governance schedule, declared once under {@code
 * lawful-bases:} and referred to by id from each agency-to-hub flow and each output field.
 *
 * @param id the name flows and fields refer to it by
 * @param article6 the UK GDPR Art. 6(1) basis, or null when not given
 * @param article9 the UK GDPR Art. 9(2) condition for special-category data, or null
 * @param article9Schedule1 the DPA 2018 Schedule 1 condition the Art. 9 condition relies on, or
 *     null
 * @param article10Schedule1 for criminal offence data (Art. 10, DPA 2018 s.10(5)): its Schedule 1
 *     condition, or null
 * @param part3Schedule8 for the police's own law-enforcement processing (DPA 2018 Part 3, s.35
 *     sensitive processing): its Schedule 8 condition, or null
 * @param confidentiality the basis on which the common-law duty of confidentiality is met, or null
 * @param statutoryPower the statute that gives the power to share, in words, or null
 * @param note anything the IG officer should know about the basis, or null
 */
public record LawfulBasis(
    String id,
    Article6 article6,
    Article9 article9,
    Schedule1 article9Schedule1,
    Schedule1 article10Schedule1,
    Schedule8 part3Schedule8,
    Confidentiality confidentiality,
    String statutoryPower,
    String note) {

  /** UK GDPR Art. 6(1). */
  public enum Article6 {
    A("consent"),
    B("contract"),
    C("legal obligation"),
    D("vital interests"),
    E("public task"),
    F("legitimate interests");

    private final String name;

    Article6(String name) {
      this.name = name;
    }

    /** E.g. {@code Art. 6(1)(e) public task}. */
    public String describe() {
      return "Art. 6(1)(" + name().toLowerCase(Locale.ROOT) + ") " + name;
    }
  }

  /** UK GDPR Art. 9(2). */
  public enum Article9 {
    A("explicit consent"),
    B("employment, social security and social protection"),
    C("vital interests"),
    D("not-for-profit bodies"),
    E("made public by the data subject"),
    F("legal claims or judicial acts"),
    G("substantial public interest"),
    H("health or social care"),
    I("public health"),
    J("archiving, research and statistics");

    private final String name;

    Article9(String name) {
      this.name = name;
    }

    /**
     * Which part of DPA 2018 Schedule 1 a condition must come from (s.10(2) and (3)): 1 for (b),
     * (h), (i) and (j), 2 for (g), 0 when Schedule 1 has no condition for it.
     */
    public int schedule1Part() {
      return switch (this) {
        case B, H, I, J -> 1;
        case G -> 2;
        default -> 0;
      };
    }

    /** E.g. {@code Art. 9(2)(g) substantial public interest}. */
    public String describe() {
      return "Art. 9(2)(" + name().toLowerCase(Locale.ROOT) + ") " + name;
    }
  }

  /** The conditions of DPA 2018 Schedule 1 a partnership of this kind may rely on. */
  public enum Schedule1 {
    P1(1, 1, "employment, social security and social protection"),
    P2(2, 1, "health or social care purposes"),
    P3(3, 1, "public health"),
    P4(4, 1, "research etc"),
    P6(6, 2, "statutory and government purposes"),
    P7(7, 2, "administration of justice and parliamentary purposes"),
    P8(8, 2, "equality of opportunity or treatment"),
    P10(10, 2, "preventing or detecting unlawful acts"),
    P11(11, 2, "protecting the public"),
    P12(12, 2, "regulatory requirements"),
    P18(18, 2, "safeguarding of children and individuals at risk"),
    P29(29, 3, "consent"),
    P30(30, 3, "protecting individual's vital interests"),
    P33(33, 3, "legal claims"),
    P36(36, 3, "extension of conditions in Part 2 referring to substantial public interest");

    private final int paragraph;
    private final int part;
    private final String name;

    Schedule1(int paragraph, int part, String name) {
      this.paragraph = paragraph;
      this.part = part;
      this.name = name;
    }

    public int paragraph() {
      return paragraph;
    }

    /** The part of Schedule 1 the paragraph is in (1, 2 or 3). */
    public int part() {
      return part;
    }

    public String label() {
      return name;
    }

    /** The condition of a paragraph number, or null. */
    public static Schedule1 of(int paragraph) {
      for (Schedule1 s : values()) {
        if (s.paragraph == paragraph) {
          return s;
        }
      }
      return null;
    }

    /** E.g. {@code DPA 2018 Sch. 1 para 10 (preventing or detecting unlawful acts)}. */
    public String describe() {
      return "DPA 2018 Sch. 1 para " + paragraph + " (" + name + ")";
    }
  }

  /** The conditions of DPA 2018 Schedule 8 (sensitive processing for law enforcement, s.35(5)). */
  public enum Schedule8 {
    P1(1, "statutory etc purposes"),
    P2(2, "administration of justice"),
    P3(3, "protecting individual's vital interests"),
    P4(4, "safeguarding of children and of individuals at risk"),
    P5(5, "personal data already in the public domain"),
    P6(6, "legal claims"),
    P7(7, "judicial acts"),
    P8(8, "preventing fraud"),
    P9(9, "archiving etc");

    private final int paragraph;
    private final String name;

    Schedule8(int paragraph, String name) {
      this.paragraph = paragraph;
      this.name = name;
    }

    public int paragraph() {
      return paragraph;
    }

    /** The condition of a paragraph number, or null. */
    public static Schedule8 of(int paragraph) {
      for (Schedule8 s : values()) {
        if (s.paragraph == paragraph) {
          return s;
        }
      }
      return null;
    }

    /** E.g. {@code DPA 2018 Part 3, s.35(5), Sch. 8 para 1 (statutory etc purposes)}. */
    public String describe() {
      return "DPA 2018 Part 3, s.35(5), Sch. 8 para " + paragraph + " (" + name + ")";
    }
  }

  /** How the common-law duty of confidentiality is met for confidential (e.g. health) data. */
  public enum Confidentiality {
    CONSENT("consent"),
    PUBLIC_INTEREST("public interest"),
    STATUTORY_GATEWAY("statutory gateway"),
    NOT_CONFIDENTIAL("not held in confidence");

    private final String label;

    Confidentiality(String label) {
      this.label = label;
    }

    /** As written in the policy file, e.g. {@code statutory-gateway}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String label() {
      return label;
    }
  }
}
