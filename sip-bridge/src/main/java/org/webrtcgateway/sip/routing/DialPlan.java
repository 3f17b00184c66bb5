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
