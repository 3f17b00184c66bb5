package org.webrtcgateway.sip.routing;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which gateway user a request from SIP is for, from its Request-URI: the account whose address of
 * record (or Contact, which carries the same user part) it names, else the first configured rule
 * whose pattern matches, else the default user.
 */
public final class IncomingRoutes {

    /** One {@code sip.incoming.<name>} rule. */
    public record Rule(String name, Pattern match, String user) {
        public Rule {
            requireNonNull(name, "name");
            requireNonNull(match, "match");
            requireNonNull(user, "user");
        }
    }

    private final List<Rule> rules;
    private final String defaultUser;

    public IncomingRoutes(List<Rule> rules, String defaultUser) {
        this.rules = List.copyOf(rules);
        this.defaultUser = defaultUser;
    }

    /**
     * @param requestUri    {@code sip:user@host[:port]}, without parameters
     * @param accountsBySipUser gateway user by the user part of their address of record
     */
    public Optional<String> userFor(String requestUri, String sipUser, Map<String, String> accountsBySipUser) {
        if (sipUser != null) {
            String exact = accountsBySipUser.get(sipUser);
            if (exact != null) {
                return Optional.of(exact);
            }
        }
        for (Rule rule : rules) {
            if (rule.match().matcher(requestUri).matches()) {
                return Optional.of(rule.user());
            }
        }
        return Optional.ofNullable(defaultUser);
    }

    /** Whether an account or a rule (not the default) takes this Request-URI. */
    public boolean matchesRuleOrAccount(String requestUri, String sipUser, Map<String, String> accountsBySipUser) {
        return (sipUser != null && accountsBySipUser.containsKey(sipUser))
                || rules.stream().anyMatch(rule -> rule.match().matcher(requestUri).matches());
    }
}
