package uk.vruhub.policy.model;

import java.util.List;

/**
 * One agency-to-hub flow: an input topic an agency writes its nightly extract to, and the lawful
 * bases the agency shares it with the hub under.
 *
 * @param topicId the input topic's id in the topic spec (e.g. {@code police-crime-events})
 * @param from who sends it, in words
 * @param lawfulBasis ids of entries under {@code lawful-bases}
 */
public record Flow(String topicId, String from, List<String> lawfulBasis) {}
