package cn.canbao.base;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The trust boundary for DMN and BPMN XML that a <em>user</em> uploads: such a model may compute with
 * FEEL only. Inside Camunda any other expression language is a door to code — JUEL ({@code ${bean.method()}})
 * reaches every Spring bean, a script language ({@code javascript}, {@code groovy}) runs whatever it says,
 * and BPMN's {@code camunda:class}, delegate expressions, connectors and listeners call Java. So this check
 * refuses, before Camunda ever parses the file: a DOCTYPE (no DTD, no entities, no XXE), anything that is not
 * well-formed or is too large or too deep, an {@code expressionLanguage}/{@code typeLanguage}/{@code language}
 * attribute that Camunda would not evaluate as FEEL, JUEL markers ({@code ${}, {@code #{}) in any text or
 * attribute, scripts (script tasks, {@code camunda:script}, {@code scriptFormat}, script resources), Java
 * hooks ({@code camunda:class}, {@code delegateExpression}, {@code expression}, variable mapping classes,
 * connectors) and execution/task listeners.
 * <p>
 * FEEL itself cannot reach Java: Camunda 7.24 builds its FEEL engine with external functions disabled, and
 * the legacy (JUEL-backed) FEEL behaviour must stay off ({@code dmnFeelEnableLegacyBehavior}, the default).
 * Models an operator deploys through Camunda itself (Cockpit, {@code /engine-rest}, the bundled
 * {@code processes/}) are trusted and never pass through here; models a user uploads are not.
 */
public final class FeelOnlyModelCheck {

    /** The largest model accepted. */
    public static final int MAX_BYTES = 1024 * 1024;

    static final int MAX_ELEMENTS = 50_000;
    static final int MAX_DEPTH = 64;
    private static final int MAX_ID_LENGTH = 64;

    /**
     * Exactly the values Camunda 7.24 evaluates as FEEL ({@code ExpressionEvaluationHandler#isFeelExpressionLanguage}):
     * any other value makes it look for a JUEL or script engine of that name.
     */
    private static final Set<String> FEEL = Set.of(
            "http://www.omg.org/spec/FEEL/20140401",
            "http://www.omg.org/spec/DMN/20180521/FEEL/",
            "https://www.omg.org/spec/DMN/20191111/FEEL/",
            "https://www.omg.org/spec/DMN/20211108/FEEL/",
            "https://www.omg.org/spec/DMN/20230324/FEEL/");

    private static final Set<String> LANGUAGE_ATTRIBUTES = Set.of("expressionLanguage", "typeLanguage", "language");
    private static final Set<String> CAMUNDA = Set.of(
            "http://camunda.org/schema/1.0/bpmn", "http://camunda.org/schema/1.0/dmn", "http://activiti.org/bpmn");
    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final Set<String> JAVA_ATTRIBUTES = Set.of(
            "class", "delegateExpression", "expression", "variableMappingClass", "variableMappingDelegateExpression");
    private static final Set<String> LISTENERS = Set.of("executionListener", "taskListener");

    /** Why a model was refused: {@link #messageKey()} names the reason, {@code elementId} where (may be null). */
    public record Refusal(String reason, String elementId) {

        public String messageKey() {
            return "model.check." + reason;
        }
    }

    private FeelOnlyModelCheck() {}

    /** The first reason to refuse the model, or empty when it computes with FEEL only. */
    public static Optional<Refusal> check(byte[] xml) {
        if (xml == null || xml.length == 0 || xml.length > MAX_BYTES) {
            return Optional.of(new Refusal("tooLarge", null));
        }
        XMLInputFactory factory = factory();
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
            return walk(reader);
        } catch (XMLStreamException notWellFormed) {
            return Optional.of(new Refusal("notXml", null));
        } finally {
            close(reader);
        }
    }

    private static Optional<Refusal> walk(XMLStreamReader reader) throws XMLStreamException {
        // per open element: its id (or its nearest ancestor's, for the refusal to point at) and its text
        // content so far, descendants included, as Camunda reads an expression's text
        Deque<String> ids = new ArrayDeque<>();
        Deque<StringBuilder> texts = new ArrayDeque<>();
        int elements = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                return Optional.of(new Refusal("doctype", null));
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                if (++elements > MAX_ELEMENTS || ids.size() >= MAX_DEPTH) {
                    return Optional.of(new Refusal("tooLarge", null));
                }
                String id = reader.getAttributeValue(null, "id");
                ids.push(id != null ? safeId(id) : ids.isEmpty() ? safeId(reader.getLocalName()) : ids.peek());
                texts.push(new StringBuilder());
                Optional<Refusal> refused = element(reader, ids.peek());
                if (refused.isPresent()) {
                    return refused;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                StringBuilder text = texts.pop();
                if (isJuel(text)) {
                    return Optional.of(new Refusal("juel", ids.peek()));
                }
                ids.pop();
                if (!texts.isEmpty()) {
                    texts.peek().append(text);
                }
            } else if ((event == XMLStreamConstants.CHARACTERS
                            || event == XMLStreamConstants.CDATA
                            || event == XMLStreamConstants.SPACE)
                    && !texts.isEmpty()) {
                texts.peek().append(reader.getText());
            }
        }
        return Optional.empty();
    }

    private static Optional<Refusal> element(XMLStreamReader reader, String id) {
        String ns = String.valueOf(reader.getNamespaceURI());
        String name = reader.getLocalName();
        if (BPMN.equals(ns) && (name.equals("scriptTask") || name.equals("script"))
                || CAMUNDA.contains(ns) && name.equals("script")) {
            return Optional.of(new Refusal("script", id));
        }
        if (CAMUNDA.contains(ns) && LISTENERS.contains(name)) {
            return Optional.of(new Refusal("listener", id));
        }
        if (CAMUNDA.contains(ns) && (name.equals("connector") || name.equals("expression"))) {
            return Optional.of(new Refusal("javaCode", id));
        }
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String attribute = reader.getAttributeLocalName(i);
            String value = reader.getAttributeValue(i);
            // Set.of(...).contains(null) throws: attributes without a namespace have none
            boolean camunda = CAMUNDA.contains(String.valueOf(reader.getAttributeNamespace(i)));
            if (LANGUAGE_ATTRIBUTES.contains(attribute) && !isFeel(value)) {
                return Optional.of(new Refusal("foreignLanguage", id));
            }
            if (attribute.equals("scriptFormat") || camunda && attribute.equals("resource")) {
                return Optional.of(new Refusal("script", id));
            }
            if (camunda && JAVA_ATTRIBUTES.contains(attribute)) {
                return Optional.of(new Refusal("javaCode", id));
            }
            if (isJuel(value)) {
                return Optional.of(new Refusal("juel", id));
            }
        }
        return Optional.empty();
    }

    /** Whether Camunda evaluates an expression in this language as FEEL. */
    static boolean isFeel(String language) {
        return language != null
                && (FEEL.contains(language) || language.toLowerCase(Locale.ROOT).equals("feel"));
    }

    private static boolean isJuel(CharSequence text) {
        String s = text == null ? "" : text.toString();
        return s.contains("${") || s.contains("#{");
    }

    /** An element id as the refusal may show it: id characters only, short. */
    private static String safeId(String id) {
        StringBuilder sb = new StringBuilder();
        id.codePoints()
                .limit(MAX_ID_LENGTH)
                .forEach(c ->
                        sb.appendCodePoint(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' ? c : '_'));
        return sb.toString();
    }

    /** The JDK's own StAX parser, without DTDs or external entities whatever else is on the classpath. */
    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory;
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing was opened that needs closing: the input is a byte array
            }
        }
    }
}
