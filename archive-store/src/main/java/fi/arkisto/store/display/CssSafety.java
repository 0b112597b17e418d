package fi.arkisto.store.display;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a piece of CSS (a {@code style} attribute, or the whole text of a {@code <style>} element as the browser
 * joins it) can make a viewer fetch or run anything. The text is read as a CSS tokenizer reads it (CSS Syntax
 * Level 3, section 4): comments end at the first {@code *}{@code /}, or at the end of the text when unclosed, but a
 * {@code /*} inside a string starts no comment, so a string cannot hide a {@code url()} from the check by opening a
 * fake comment that a later string closes. Comments are then dropped, which joins what they separated
 * ({@code u/**}{@code /rl(} is checked as {@code url(}): stricter than a browser, never looser. Refused:
 * <ul>
 *   <li>any backslash (CSS escapes spell every construct below in other ways: {@code u\72l(});</li>
 *   <li>{@code @import}, {@code expression(}, {@code behavior}, {@code -moz-binding}, {@code javascript:},
 *       {@code vbscript:}, {@code image-set(} and {@code src(};</li>
 *   <li>{@code url()} of anything but a {@code data:image/(png|jpeg|gif);base64} URI.</li>
 * </ul>
 */
final class CssSafety {

    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?([^'\")]*)");
    private static final String[] CONSTRUCTS = {"@import", "expression(", "behavior", "-moz-binding", "javascript:",
            "vbscript:", "image-set(", "src("};

    private CssSafety() {
    }

    /**
     * @param where names the CSS in a refusal ("the style attribute of &lt;p&gt;")
     * @return null when safe, else the construct found, described for a refusal
     */
    static String problemWith(String css, String where) {
        String lower = withoutComments(css).toLowerCase(Locale.ROOT);
        if (lower.indexOf('\\') >= 0) {
            return "a CSS escape sequence in " + where;
        }
        for (String construct : CONSTRUCTS) {
            if (lower.contains(construct)) {
                return "CSS " + construct + " in " + where;
            }
        }
        Matcher url = CSS_URL.matcher(lower);
        while (url.find()) {
            if (!DisplayFormRules.isImageData(url.group(1))) {
                return "an external reference in CSS url() in " + where;
            }
        }
        return null;
    }

    /** The text with its comments removed; strings (and what looks like a comment inside them) are kept. */
    static String withoutComments(String css) {
        StringBuilder out = new StringBuilder(css.length());
        int n = css.length();
        int i = 0;
        while (i < n) {
            char c = css.charAt(i);
            if (c == '/' && i + 1 < n && css.charAt(i + 1) == '*') {
                int end = css.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '"' || c == '\'') {
                // a string runs to its closing quote or, unclosed, to the end of the line (a bad string)
                int j = i + 1;
                while (j < n && css.charAt(j) != c && css.charAt(j) != '\n') {
                    j++;
                }
                int end = j < n && css.charAt(j) == c ? j + 1 : j;
                out.append(css, i, end);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
