package uk.vruhub.policy.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A small document (headings, paragraphs, tables) that renders as Markdown or as a self-contained
 * HTML page, so the report's content is written once.
 */
public final class Document {

  sealed interface Block permits Heading, Paragraph, Table {}

  record Heading(int level, String text) implements Block {}

  record Paragraph(String text) implements Block {}

  record Table(List<String> header, List<List<String>> rows) implements Block {}

  private final String title;
  private final List<Block> blocks = new ArrayList<>();

  public Document(String title) {
    this.title = title;
  }

  public Document heading(int level, String text) {
    blocks.add(new Heading(level, text));
    return this;
  }

  public Document paragraph(String text) {
    blocks.add(new Paragraph(text));
    return this;
  }

  public Document table(List<String> header, List<List<String>> rows) {
    blocks.add(new Table(List.copyOf(header), rows.stream().map(List::copyOf).toList()));
    return this;
  }

  /** GitHub-flavoured Markdown. */
  public String markdown() {
    StringBuilder out = new StringBuilder("# ").append(title).append("\n");
    for (Block block : blocks) {
      out.append('\n');
      if (block instanceof Heading h) {
        out.append("#".repeat(h.level() + 1)).append(' ').append(h.text()).append('\n');
      } else if (block instanceof Paragraph p) {
        out.append(p.text()).append('\n');
      } else if (block instanceof Table t) {
        out.append("| ")
            .append(String.join(" | ", t.header().stream().map(Document::cell).toList()))
            .append(" |\n");
        out.append("|").append("---|".repeat(t.header().size())).append('\n');
        for (List<String> row : t.rows()) {
          out.append("| ")
              .append(String.join(" | ", row.stream().map(Document::cell).toList()))
              .append(" |\n");
        }
      }
    }
    return out.toString();
  }

  /** One HTML page with its own styles and nothing loaded from elsewhere. */
  public String html() {
    StringBuilder out =
        new StringBuilder(
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .append(escape(title))
            .append("</title>\n<style>\n")
            .append(
                "body{font-family:system-ui,sans-serif;margin:2rem"
                    + " auto;max-width:72rem;line-height:1.45;color:#1b1b1b}")
            .append("table{border-collapse:collapse;width:100%;margin:0.5rem 0 1.5rem}")
            .append(
                "th,td{border:1px solid #c8c8c8;padding:0.35rem"
                    + " 0.5rem;text-align:left;vertical-align:top}")
            .append(
                "th{background:#eef2f5}h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:2px"
                    + " solid #1d5f8a}")
            .append("\n</style>\n</head>\n<body>\n<h1>")
            .append(escape(title))
            .append("</h1>\n");
    for (Block block : blocks) {
      if (block instanceof Heading h) {
        out.append("<h")
            .append(h.level() + 1)
            .append('>')
            .append(escape(h.text()))
            .append("</h")
            .append(h.level() + 1)
            .append(">\n");
      } else if (block instanceof Paragraph p) {
        out.append("<p>").append(escape(p.text())).append("</p>\n");
      } else if (block instanceof Table t) {
        out.append("<table>\n<tr>");
        t.header().forEach(c -> out.append("<th>").append(escape(c)).append("</th>"));
        out.append("</tr>\n");
        for (List<String> row : t.rows()) {
          out.append("<tr>");
          row.forEach(c -> out.append("<td>").append(escape(c)).append("</td>"));
          out.append("</tr>\n");
        }
        out.append("</table>\n");
      }
    }
    return out.append("</body>\n</html>\n").toString();
  }

  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }

  private static String escape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
