/**
 * What every hub component shares to be an authenticated principal: secret files made once and
 * readable by their owner only ({@link uk.vruhub.security.SecretFiles}), the Kafka client settings
 * of a SCRAM principal ({@link uk.vruhub.security.KafkaClientSecurity}) and the names of the hub's
 * own principals ({@link uk.vruhub.security.HubPrincipals}), the local CA ({@link
 * uk.vruhub.security.LocalCa}) and what a client trusts of it ({@link
 * uk.vruhub.security.TrustedCa}).
 */
package uk.vruhub.security;
