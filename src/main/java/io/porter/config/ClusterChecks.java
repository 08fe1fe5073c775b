package io.porter.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks the cluster settings whose shape Hazelcast would otherwise reject late or silently ignore. */
final class ClusterChecks {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private ClusterChecks() {
    }

    /** Hazelcast binds to interfaces by address, so the cluster host must be an IP address, not a name. */
    static String checkHost(String value) {
        if (!IPV4.matcher(value).matches() && !IPV6.matcher(value).matches()) {
            throw new IllegalArgumentException("expected an IP address of this node (e.g. 10.0.0.5), got '" + value + "'");
        }
        return value;
    }

    static String checkName(String value) {
        if (!CLUSTER_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("expected 1 to 64 letters, digits, '.', '_' or '-', got '" + value + "'");
        }
        return value;
    }

    /** {@code host} or {@code host:port} entries, comma-separated; IPv6 addresses with a port go in brackets. */
    static List<String> parseList(String text) {
        List<String> members = new ArrayList<>();
        for (String part : text.split(",")) {
            String member = part.trim();
            if (!member.isEmpty()) {
                members.add(checkMember(member));
            }
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("no member given, expected host or host:port entries separated by commas");
        }
        return List.copyOf(members);
    }

    private static String checkMember(String member) {
        String host = member;
        String port = null;
        if (member.startsWith("[")) {
            int end = member.indexOf(']');
            host = end < 0 ? "" : member.substring(1, end);
            String rest = end < 0 ? "" : member.substring(end + 1);
            if (end < 0 || !rest.isEmpty() && !rest.startsWith(":")) {
                throw badMember(member);
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else if (member.indexOf(':') >= 0 && member.indexOf(':') == member.lastIndexOf(':')) {
            host = member.substring(0, member.indexOf(':'));
            port = member.substring(member.indexOf(':') + 1);
        }
        boolean hostOk = IPV4.matcher(host).matches() || IPV6.matcher(host).matches() || HOST_NAME.matcher(host).matches();
        if (!hostOk || port != null && !validPort(port)) {
            throw badMember(member);
        }
        return member;
    }

    private static boolean validPort(String port) {
        try {
            int n = Integer.parseInt(port);
            return n >= 1 && n <= 65535;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static IllegalArgumentException badMember(String member) {
        return new IllegalArgumentException("expected host or host:port (port 1-65535), got '" + member + "'");
    }
}
