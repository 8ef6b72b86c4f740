/**
 * The cohort feature: agency records as facts about people, linked on strong match keys into one
 * person state each, with incremental look-back counts; its outputs are the level 2 profiles and
 * the level 1 summary, each written only when what the policy publishes changes. {@link
 * uk.vruhub.aggregator.cohort.CohortTopology} builds the sub-topology.
 */
package uk.vruhub.aggregator.cohort;
