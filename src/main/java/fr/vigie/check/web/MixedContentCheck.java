package fr.vigie.check.web;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.observation.HttpObservation;
import fr.vigie.observation.WebObservation;
import java.util.List;

/** An HTTPS page that loads scripts, styles, frames or images, or posts forms, over HTTP. */
public final class MixedContentCheck extends BaseCheck<WebObservation> {

  public static final String ID = "http.mixed-content";

  public MixedContentCheck() {
    super(WebObservation.class, ID);
  }

  @Override
  public List<Finding> evaluate(WebObservation w) {
    if (!WebFacts.pageIsHttps(w) || w.https().body() == null || w.https().body().html() == null) {
      return List.of();
    }
    HttpObservation.HtmlFacts html = w.https().body().html();
    List<String> insecure = html.insecureResources();
    if (insecure.isEmpty()) {
      return List.of();
    }
    String page = w.https().last().map(HttpObservation.Hop::url).orElse("");
    List<String> shown = List.copyOf(insecure.subList(0, Math.min(5, insecure.size())));
    Evidence more = insecure.size() > 5
        ? Evidence.of("http.mixed-content.more", "more", insecure.size() - 5)
        : null;
    return List.of(finding(
        ID,
        w.host(),
        page,
        Evidence.of(
            "http.mixed-content",
            "count",
            insecure.size(),
            "page",
            page,
            "shown",
            shown,
            "more",
            more)));
  }

  /** Raised and cleared by the home page's HTML. */
  @Override
  public Question question(Finding f) {
    return Question.web(f.asset());
  }
}
