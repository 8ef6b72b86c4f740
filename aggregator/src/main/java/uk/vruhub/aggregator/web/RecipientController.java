package uk.vruhub.aggregator.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.vruhub.policy.Policy;
import uk.vruhub.policy.PolicyIdentity;
import uk.vruhub.policy.model.Recipient;
import uk.vruhub.schemas.topics.TopicCatalogue.Ids;

/**
 * Who a token is, as the policy says: the recipient, the highest level it may receive, the topics
 * it is granted (with their levels) and so which pages of the dashboard it may open, and the policy
 * in force. The dashboard shows and hides its pages by this answer; the tables themselves are still
 * refused by their own endpoints, so hiding a page is a courtesy, not the control.
 */
@RestController
@RequestMapping("/api/v1")
public class RecipientController {

  /**
   * A page of the dashboard and the topic a recipient must be granted (within its level) to open
   * it; null for a page every recipient may open (the data tracker and governance, which show no
   * record of any output).
   */
  public record Page(String id, String title, String path, String topic) {}

  /**
   * The dashboard's pages that show a policy topic, in the order of its navigation. The cohort
   * page's level-2 list is not a page of its own: the page asks for it only when the recipient's
   * topics permit {@value Ids#COHORT_PROFILES}.
   */
  public static final List<Page> PAGES =
      List.of(
          new Page("hotspots", "Hotspots", "hotspots.html", Ids.HOTSPOTS),
          new Page("cohort", "Cohort", "cohort.html", Ids.COHORT_SUMMARY),
          new Page("tracker", "Data tracker", "tracker.html", null),
          new Page("governance", "Governance", "governance.html", null));

  /** A topic the recipient is granted. */
  public record Topic(String id, int level, boolean permitted) {}

  /**
   * The answer.
   *
   * @param recipient the recipient's id in the policy
   * @param description who it is
   * @param maxLevel the highest level it may receive
   * @param topics the topics the policy lists for it; {@code permitted} false for one above its
   *     level
   * @param pages the pages it may open, in the order of the navigation
   * @param policy the policy in force
   */
  public record RecipientView(
      String recipient,
      String description,
      int maxLevel,
      List<Topic> topics,
      List<Page> pages,
      PolicyIdentity policy) {}

  private final RecipientAccess access;

  RecipientController(RecipientAccess access) {
    this.access = access;
  }

  @GetMapping(value = "/recipient", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<RecipientView> recipient(
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestParam MultiValueMap<String, String> parameters) {
    Recipient recipient = access.identify(authorization);
    QueryParameters.of(parameters, List.of());
    Policy policy = access.policy();
    Map<String, Topic> topics = new LinkedHashMap<>();
    for (String id : recipient.topics()) {
      int level = policy.topic(id).level();
      topics.put(id, new Topic(id, level, level <= recipient.maxLevel()));
    }
    List<Page> pages = new ArrayList<>();
    for (Page page : PAGES) {
      Topic topic = topics.get(page.topic());
      if (page.topic() == null || (topic != null && topic.permitted())) {
        pages.add(page);
      }
    }
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .header(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION)
        .body(
            new RecipientView(
                recipient.id(),
                recipient.description(),
                recipient.maxLevel(),
                List.copyOf(topics.values()),
                pages,
                policy.identity()));
  }
}
