package fi.arkisto.store.display;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeFilter;

import java.util.Locale;

/**
 * The display form as an HTML parser reads it. Client systems and citizen pages may show a display form as
 * {@code text/html}, or insert it into an HTML page, and an HTML parser (HTML Living Standard, section 13.2) reads
 * the same bytes differently from an XML parser: {@code <![CDATA[} outside SVG and MathML is a comment that ends at
 * the first {@code >}, {@code <!-->} is a complete comment, {@code <title>} and {@code <style>} end only at their
 * literal end tags, {@code <style/>} opens an element rather than closing one. Markup that is text to the XML
 * parser can so become elements to the HTML one. The tree jsoup (an implementation of that algorithm) builds is
 * held against the same allowlist ({@link DisplayFormRules}) as the XML tree; where the two disagree on anything
 * active, the HTML view is what refuses.
 */
final class HtmlView {

    private HtmlView() {
    }

    /** @return null when the HTML tree is safe, else the construct found, described for a refusal */
    static String problemWith(String xhtml) {
        String[] problem = {null};
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                problem[0] = problemWith(node);
                return problem[0] == null ? FilterResult.CONTINUE : FilterResult.STOP;
            }
        }, Jsoup.parse(xhtml));
        return problem[0];
    }

    private static String problemWith(Node node) {
        if (node instanceof Element element) {
            if (element instanceof org.jsoup.nodes.Document) {
                return null;
            }
            String name = element.normalName();
            String problem = DisplayFormRules.problemWithElement(name);
            if (problem != null) {
                return problem;
            }
            for (Attribute attribute : element.attributes()) {
                problem = problemWithAttribute(name, attribute);
                if (problem != null) {
                    return problem;
                }
            }
            if (name.equals("style")) {
                return CssSafety.problemWith(element.data(), "the <style> element");
            }
            return null;
        }
        if (node instanceof Comment comment) {
            return DisplayFormRules.problemWithComment(comment.getData());
        }
        return null;
    }

    private static String problemWithAttribute(String element, Attribute attribute) {
        String key = attribute.getKey().toLowerCase(Locale.ROOT);
        if (key.equals("xmlns") || key.startsWith("xmlns:") || key.equals("xml:lang") || key.equals("xml:space")) {
            return null;
        }
        if (key.indexOf(':') >= 0) {
            return "the prefixed attribute " + attribute.getKey() + " on <" + element + ">";
        }
        return DisplayFormRules.problemWithAttribute(element, key, attribute.getValue());
    }
}
