package uk.vruhub.synth;

import java.time.LocalDate;

/**
 * A synthetic person, with the identity agencies record. Mutable only as the generator learns more
 * of them (a PNC id once arrested, a UPN once at school in the area).
 */
final class Person {

  final int id;
  final char sex;
  final String forename;
  final String surname;
  final LocalDate dateOfBirth;
  final String nhsNumber;
  final SyntheticArea.Lsoa home;
  final String postcode;
  final String nominal;
  final java.util.List<String> middleNames;
  String previousPostcode;
  String pnc;
  String upn;
  String schoolUrn;

  Person(
      int id,
      char sex,
      String forename,
      String surname,
      LocalDate dateOfBirth,
      String nhsNumber,
      SyntheticArea.Lsoa home,
      String postcode,
      java.util.List<String> middleNames) {
    this.id = id;
    this.sex = sex;
    this.forename = forename;
    this.surname = surname;
    this.dateOfBirth = dateOfBirth;
    this.nhsNumber = nhsNumber;
    this.home = home;
    this.postcode = postcode;
    this.middleNames = java.util.List.copyOf(middleNames);
    this.nominal = String.format("N%07d", 1_000_000 + id);
  }

  String personId() {
    return String.format("P%07d", id);
  }

  int ageOn(LocalDate day) {
    return java.time.Period.between(dateOfBirth, day).getYears();
  }
}
