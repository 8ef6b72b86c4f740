/**
 * The information-sharing agreement as enforced configuration: the policy model, its loader and
 * validator, the generic enforcer that builds every output record, and the audit tools.
 */
package uk.vruhub.policy;
