package uk.vruhub.aggregator.definitions;

import uk.vruhub.aggregator.definitions.Condition.All;
import uk.vruhub.aggregator.definitions.Condition.Always;
import uk.vruhub.aggregator.definitions.Condition.AnyPersonUnder;
import uk.vruhub.aggregator.definitions.Condition.InjuryAtLeast;
import uk.vruhub.aggregator.definitions.Condition.LocalCategories;
import uk.vruhub.aggregator.definitions.Condition.Not;
import uk.vruhub.aggregator.definitions.Condition.OffenceCodes;
import uk.vruhub.aggregator.definitions.Condition.Place;
import uk.vruhub.aggregator.definitions.Condition.Source;
import uk.vruhub.aggregator.definitions.Condition.VictimUnder;
import uk.vruhub.aggregator.definitions.Condition.WeaponUsed;

/**
 * Whether every incident one condition admits is admitted by another: then a definition is nested
 * in another, and in every hotspot cell and source its count is at most the other's. A reader of
 * the published definitions can see this, so the level-1 attacker uses it as a relation between
 * published counts.
 *
 * <p>The answer is sound but not complete: {@code true} is proved from the conditions' structure
 * (an {@code always}, the same condition, subsets of codes, categories, weapons and places, a
 * severity or an age at least as strict, through {@code all}, {@code any} and {@code not}); {@code
 * false} means not proved, e.g. for two conditions that admit the same incidents for reasons of the
 * data rather than of their form.
 */
public final class Containment {

  private Containment() {}

  /** Whether every incident {@code inner} admits, {@code outer} admits too (proved). */
  public static boolean implies(Condition inner, Condition outer) {
    if (outer instanceof Always || inner.equals(outer)) {
      return true;
    }
    if (inner instanceof Not n && n.condition() instanceof Always) {
      return true; // admits nothing
    }
    // Exact decompositions first: a disjunction on the left, a conjunction on the right.
    if (inner instanceof Condition.Any any) {
      return any.conditions().stream().allMatch(p -> implies(p, outer));
    }
    if (outer instanceof All all) {
      return all.conditions().stream().allMatch(p -> implies(inner, p));
    }
    if (inner instanceof All all && all.conditions().stream().anyMatch(p -> implies(p, outer))) {
      return true;
    }
    if (outer instanceof Condition.Any any
        && any.conditions().stream().anyMatch(p -> implies(inner, p))) {
      return true;
    }
    if (inner instanceof Not i && outer instanceof Not o) {
      return implies(o.condition(), i.condition());
    }
    return leaf(inner, outer);
  }

  private static boolean leaf(Condition inner, Condition outer) {
    if (inner instanceof Source a && outer instanceof Source b) {
      return b.sources().containsAll(a.sources());
    }
    if (inner instanceof OffenceCodes a && outer instanceof OffenceCodes b) {
      return b.codes().containsAll(a.codes());
    }
    if (inner instanceof LocalCategories a && outer instanceof LocalCategories b) {
      return b.categories().containsAll(a.categories());
    }
    if (inner instanceof WeaponUsed a && outer instanceof WeaponUsed b) {
      return b.weapons().containsAll(a.weapons());
    }
    if (inner instanceof Place a && outer instanceof Place b) {
      return b.places().containsAll(a.places());
    }
    if (inner instanceof InjuryAtLeast a && outer instanceof InjuryAtLeast b) {
      return a.level().ordinal() >= b.level().ordinal();
    }
    if (inner instanceof AnyPersonUnder a && outer instanceof AnyPersonUnder b) {
      return a.age() <= b.age();
    }
    if (inner instanceof VictimUnder a && outer instanceof VictimUnder b) {
      return a.age() <= b.age();
    }
    if (inner instanceof VictimUnder a && outer instanceof AnyPersonUnder b) {
      return a.age() <= b.age(); // a victim is one of the people involved
    }
    return false;
  }
}
