package uk.vruhub.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering DESIGN.md asks for, checked on the compiled classes of every module: services stand
 * alone, direct identifiers stay in ingest, only the schemas module defines Avro types, and output
 * records are only ever built by the policy enforcer.
 */
class ArchitectureTest {

  private static JavaClasses hub;

  @BeforeAll
  static void importClasses() {
    hub =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("uk.vruhub");
  }

  @Test
  void eachIngestServiceStandsAlone() {
    noClasses()
        .that()
        .resideInAPackage("uk.vruhub.ingest.police..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "uk.vruhub.ingest.health..", "uk.vruhub.ingest.education..", "uk.vruhub.aggregator..")
        .check(hub);
    noClasses()
        .that()
        .resideInAPackage("uk.vruhub.ingest.health..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "uk.vruhub.ingest.police..", "uk.vruhub.ingest.education..", "uk.vruhub.aggregator..")
        .check(hub);
    noClasses()
        .that()
        .resideInAPackage("uk.vruhub.ingest.education..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "uk.vruhub.ingest.police..", "uk.vruhub.ingest.health..", "uk.vruhub.aggregator..")
        .check(hub);
  }

  @Test
  void theAggregatorNeverSeesIngestCode() {
    // Identity normalisation, pseudonymisation and the raw feed contracts stay in ingest.
    noClasses()
        .that()
        .resideInAPackage("uk.vruhub.aggregator..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("uk.vruhub.ingest..")
        .check(hub);
  }

  @Test
  void onlyTheSchemasModuleDefinesAvroTypes() {
    classes()
        .that()
        .implement(SpecificRecord.class)
        .should()
        .resideInAPackage("uk.vruhub.avro..")
        .check(hub);
  }

  @Test
  void outputRecordsAreNeverAssembledByHand() {
    noClasses()
        .that()
        .resideInAPackage("uk.vruhub.aggregator..")
        .should()
        .callMethodWhere(
            com.tngtech.archunit.base.DescribedPredicate.describe(
                "a builder of a level 1 or level 2 output record",
                call ->
                    call.getTarget().getName().equals("newBuilder")
                        && call.getTargetOwner().getPackageName().equals("uk.vruhub.avro.hub")
                        && !call.getTargetOwner().getSimpleName().endsWith("Key")))
        .because("output records are built by the policy enforcer from the policy file")
        .check(hub);
  }
}
