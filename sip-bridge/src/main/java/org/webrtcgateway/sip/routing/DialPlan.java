package org.webrtcgateway.sip.routing;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.webrtcgateway.core.api.Address;

/**
 * Turns what a browser dials into the SIP URI the bridge calls: configured rules first (in name
 * order, the first match wins), then the defaults: a {@code sip:}/{@code sips:} address is called as
 * it is, a {@code tel:} number becomes {@code sip:<number>@<domain of the caller's account>;user=phone}.
 * The result of a rule must again be a valid SIP address, so a rule cannot smuggle anything into a header.
 */
public final class DialPlan {

    /** One {@code sip.dial-plan.<name>} rule. */
    public record Rule(String name, Pattern match, String to) {
        public Rule {
            requireNonNull(name, "name");
            requireNonNull(match, "match");
            requireNonNull(to, "to");
        }
    }

    private final List<Rule> rules;

    public DialPlan(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** A browser-chosen URI parameter that may stay: {@code user=phone} says what the user part is, nothing more. */
    private static final Pattern HARMLESS_PARAMETER = Pattern.compile("user=[A-Za-z0-9\\-]{1,32}");
    /** A number a browser dials: digits, a leading {@code +}, and visual separators (RFC 3966) only. */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("\\+?[0-9\\-.()]*[0-9][0-9\\-.()]*");

    /**
     * Why {@code dialed} may not be called as the browser wrote it, or empty when it may. No rule matches it, so it
     * would go to the network as written: a browser does not choose how or where the request travels (URI parameters
     * such as {@code ;maddr=} or {@code ;transport=}, which send it past the proxy or over another transport) and does
     * not dial feature codes or letters ({@code tel:*72}, {@code tel:ABC}). A rule's target may contain any of these: the
     * operator wrote it. (URI headers, control characters and ports outside 1-65535 never get past {@link Address#parse}.)
     */
    public Optional<String> refusal(Address.External dialed) {
        String text = dialed.uri();
        for (Rule rule : rules) {
            if (rule.match().matcher(text).matches()) {
                return Optional.empty();
            }
        }
        if (isSip(dialed)) {
            int at = text.indexOf('@');
            int params = text.indexOf(';', Math.max(at, 0));
            if (params >= 0) {
                for (String parameter : text.substring(params + 1).split(";")) {
                    if (!HARMLESS_PARAMETER.matcher(parameter).matches()) {
                        return Optional.of("a SIP address may not carry the URI parameter ';" + parameter
                                + "' (only a dial-plan rule may add parameters)");
                    }
                }
            }
            return Optional.empty();
        }
        if (dialed.scheme().equals("tel")) {
            int params = text.indexOf(';');
            String number = params < 0 ? text.substring(4) : text.substring(4, params);
            if (!PLAIN_NUMBER.matcher(number).matches()) {
                return Optional.of("a number may have only digits, a leading '+' and the separators - . ( )");
            }
        }
        return Optional.empty();
    }

    /** The name of the rule that routes {@code dialed} (the first that matches), or empty when the defaults do. */
    public Optional<String> ruleFor(Address.External dialed) {
        return rules.stream().filter(rule -> rule.match().matcher(dialed.uri()).matches()).map(Rule::name).findFirst();
    }

    /** The SIP URI to call for {@code dialed}, or empty when nothing sensible can be made of it. */
    public Optional<String> resolve(Address.External dialed, String defaultDomain) {
        String text = dialed.uri();
        for (Rule rule : rules) {
            Matcher m = rule.match().matcher(text);
            if (m.matches()) {
                String target;
                try {
                    target = m.replaceFirst(rule.to());
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    return Optional.empty();
                }
                return Address.parse(target).filter(DialPlan::isSip).map(Address::toString);
            }
        }
        if (isSip(dialed)) {
            return Optional.of(text);
        }
        if (dialed.scheme().equals("tel")) {
            String number = text.substring(4);
            int params = number.indexOf(';');
            if (params >= 0) {
                number = number.substring(0, params);
            }
            number = number.replaceAll("[\\-.()]", "");
            return Address.parse("sip:" + number + "@" + defaultDomain + ";user=phone").filter(DialPlan::isSip).map(Address::toString);
        }
        return Optional.empty();
    }

    private static boolean isSip(Address address) {
        return address instanceof Address.External ext && (ext.scheme().equals("sip") || ext.scheme().equals("sips"));
    }
}
