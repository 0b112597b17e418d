package fi.arkisto.store.identity;

import org.w3c.dom.Attr;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds every valid personal identity code in a document, wherever one can stand: element text and attribute values
 * of the whole tree (header, body), and inside Base64 content (the display form, the structured form, attachments),
 * nested Base64 included, as the tools testers use against Kanta's validation service do. Only codes with a correct
 * check character count: a real or test code, never a look-alike.
 */
public final class IdentityCodeScanner {

    /** A code shape not glued to other letters or digits (so nothing inside a longer token or a Base64 run). */
    private static final Pattern CODE = Pattern.compile("(?<![0-9A-Za-z])[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-Y](?![0-9A-Za-z])");
    /** A run that may be Base64 content worth decoding (short runs are words and ids, not content). */
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/\\r\\n]{32,}={0,2}");
    private static final int MAX_NESTING = 4;

    private IdentityCodeScanner() {
    }

    /** The identity codes found under the node (its attributes, text and nested Base64), in document order. */
    public static Set<String> scan(Node node) {
        Set<String> found = new LinkedHashSet<>();
        visit(node, found);
        return found;
    }

    /** The identity codes in a text and in any Base64 content it carries. */
    public static Set<String> scan(String text) {
        Set<String> found = new LinkedHashSet<>();
        scanText(text, found, 0);
        return found;
    }

    /** The identity codes in bytes read as UTF-8 text (a decoded display or structured form). */
    public static Set<String> scan(byte[] utf8) {
        Set<String> found = new LinkedHashSet<>();
        if (utf8 != null) {
            scanText(new String(utf8, StandardCharsets.UTF_8), found, 0);
        }
        return found;
    }

    /** Whether the code is a test or temporary code: individual number 900-999. */
    public static boolean isTestCode(String code) {
        return Integer.parseInt(code.substring(7, 10)) >= 900;
    }

    // recursive over depth, which the hardened parser bounds
    private static void visit(Node node, Set<String> found) {
        switch (node.getNodeType()) {
            case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> scanText(node.getNodeValue(), found, 0);
            case Node.ELEMENT_NODE, Node.DOCUMENT_NODE -> {
                NamedNodeMap attributes = node.getAttributes();
                if (attributes != null) {
                    for (int i = 0; i < attributes.getLength(); i++) {
                        scanText(((Attr) attributes.item(i)).getValue(), found, 0);
                    }
                }
                for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
                    visit(child, found);
                }
            }
            default -> {
            }
        }
    }

    private static void scanText(String text, Set<String> found, int depth) {
        if (text == null || text.length() < 11) {
            return;
        }
        Matcher code = CODE.matcher(text);
        while (code.find()) {
            if (PersonalIdentityCode.isValid(code.group())) {
                found.add(code.group());
            }
        }
        if (depth >= MAX_NESTING || text.length() < 32) {
            return;
        }
        Matcher run = BASE64_RUN.matcher(text);
        while (run.find()) {
            String decoded = decode(run.group());
            if (decoded != null) {
                scanText(decoded, found, depth + 1);
            }
        }
    }

    /** The run decoded as UTF-8 text, or null when it is not Base64 of text (binary content holds no codes as text). */
    private static String decode(String run) {
        String compact = run.replace("\r", "").replace("\n", "");
        if (compact.length() % 4 != 0) {
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(compact);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }
}
