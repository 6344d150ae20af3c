package nl.camiso.stix.pattern;

import java.math.BigDecimal;

/**
 * Splits a pattern into tokens, one at a time, on demand. Constants are checked here, where the
 * offending character's position is known: string escapes, number forms, hex, base64 and
 * timestamps. Only identifiers, strings and floats allocate.
 */
final class PatternLexer {

    enum Kind {
        LBRACKET("'['"), RBRACKET("']'"), LPAREN("'('"), RPAREN("')'"), COLON("':'"), DOT("'.'"),
        COMMA("','"), STAR("'*'"), EQ("'='"), NEQ("'!='"), LT("'<'"), LE("'<='"), GT("'>'"), GE("'>='"),
        KEYWORD("keyword"), IDENTIFIER("name"), STRING("string"), INTEGER("integer"), FLOAT("float"),
        BOOLEAN("boolean"), HEX("hex constant"), BINARY("binary constant"), TIMESTAMP("timestamp"),
        EOF("end of pattern");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    /** STIX integers are 54-bit signed (§2.12). */
    static final long MAX_INTEGER = (1L << 53) - 1;

    private final String src;
    private final int length;
    private int pos;

    private Kind kind;
    private int start;
    private int end;
    private String text;
    private Keyword keyword;
    private long integer;
    private BigDecimal decimal;
    private boolean bool;

    PatternLexer(String src) {
        this.src = src;
        this.length = src.length();
    }

    Kind kind() {
        return kind;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** Identifier name, unescaped string value, or the body of a hex/binary/timestamp constant. */
    String text() {
        return text;
    }

    Keyword keyword() {
        return keyword;
    }

    long integer() {
        return integer;
    }

    BigDecimal decimal() {
        return decimal;
    }

    boolean bool() {
        return bool;
    }

    boolean is(Keyword k) {
        return kind == Kind.KEYWORD && keyword == k;
    }

    /** The source text of the current token, for messages. */
    String lexeme() {
        return kind == Kind.EOF ? "end of pattern" : src.substring(start, Math.min(end, start + 40));
    }

    void next() throws PatternException {
        skipSpaceAndComments();
        start = pos;
        text = null;
        keyword = null;
        if (pos >= length) {
            kind = Kind.EOF;
            end = pos;
            return;
        }
        char c = src.charAt(pos);
        switch (c) {
            case '[' -> single(Kind.LBRACKET);
            case ']' -> single(Kind.RBRACKET);
            case '(' -> single(Kind.LPAREN);
            case ')' -> single(Kind.RPAREN);
            case ':' -> single(Kind.COLON);
            case '.' -> {
                if (pos + 1 < length && isDigit(src.charAt(pos + 1))) {
                    number();
                } else {
                    single(Kind.DOT);
                }
            }
            case ',' -> single(Kind.COMMA);
            case '*' -> single(Kind.STAR);
            case '=' -> twoOrOne('=', Kind.EQ, Kind.EQ);
            case '!' -> {
                if (pos + 1 < length && src.charAt(pos + 1) == '=') {
                    pos += 2;
                    finish(Kind.NEQ);
                } else {
                    throw new PatternException(pos, "unexpected character '!' (did you mean '!='?)");
                }
            }
            case '<' -> {
                if (pos + 1 < length && src.charAt(pos + 1) == '>') {
                    pos += 2;
                    finish(Kind.NEQ);
                } else {
                    twoOrOne('=', Kind.LE, Kind.LT);
                }
            }
            case '>' -> twoOrOne('=', Kind.GE, Kind.GT);
            case '\'' -> string();
            case '+' -> throw new PatternException(pos, "a number must not have a leading '+' (§9.2)");
            case '-' -> number();
            default -> {
                if (isDigit(c)) {
                    number();
                } else if (isIdentifierStart(c)) {
                    identifierOrPrefixedConstant();
                } else {
                    throw new PatternException(pos, "unexpected character " + describe(c));
                }
            }
        }
    }

    private void single(Kind k) {
        pos++;
        finish(k);
    }

    private void twoOrOne(char second, Kind two, Kind one) {
        if (pos + 1 < length && src.charAt(pos + 1) == second) {
            pos += 2;
            finish(two);
        } else {
            pos++;
            finish(one);
        }
    }

    private void finish(Kind k) {
        kind = k;
        end = pos;
    }

    private void skipSpaceAndComments() throws PatternException {
        while (pos < length) {
            char c = src.charAt(pos);
            if (isSpace(c)) {
                pos++;
            } else if (c == '/' && pos + 1 < length && src.charAt(pos + 1) == '/') {
                // the reference grammar skips // and /* */ comments
                while (pos < length && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == '/' && pos + 1 < length && src.charAt(pos + 1) == '*') {
                int close = src.indexOf("*/", pos + 2);
                if (close < 0) {
                    throw new PatternException(pos, "unterminated comment");
                }
                pos = close + 2;
            } else {
                return;
            }
        }
    }

    /** Unicode White_Space (§9.4): Zs, Zl, Zp, TAB, LF, VT, FF, CR and NEL. */
    static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || c == '\u0085' || (c > 0x7f && Character.isSpaceChar(c));
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    /** Part of a name token; {@code -} is included so type names lex whole and unquoted {@code SHA-256} gets a clear error. */
    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c) || c == '-';
    }

    private static String describe(char c) {
        if (c < 0x20 || c > 0x7e) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    private void identifierOrPrefixedConstant() throws PatternException {
        char c = src.charAt(pos);
        if (pos + 1 < length && src.charAt(pos + 1) == '\'') {
            switch (c) {
                case 'h' -> {
                    hex();
                    return;
                }
                case 'b' -> {
                    binary();
                    return;
                }
                case 't' -> {
                    timestamp();
                    return;
                }
                case 'H', 'B', 'T' -> throw new PatternException(pos,
                        "constant prefix must be lowercase: " + Character.toLowerCase(c) + "'...'");
                default -> throw new PatternException(pos, "unknown constant prefix '" + c + "' (expected h, b or t)");
            }
        }
        int from = pos;
        pos++;
        while (pos < length && isIdentifierPart(src.charAt(pos))) {
            pos++;
        }
        text = src.substring(from, pos);
        keyword = Keyword.exact(text);
        if (keyword != null) {
            finish(Kind.KEYWORD);
        } else if (text.equals("true") || text.equals("false")) {
            bool = text.equals("true");
            finish(Kind.BOOLEAN);
        } else {
            finish(Kind.IDENTIFIER);
        }
    }

    /** {@code 'text'} with only {@code \'} and {@code \\} escapes (§9.2). */
    private void string() throws PatternException {
        int open = pos;
        pos++;
        StringBuilder unescaped = null;
        int runStart = pos;
        while (true) {
            if (pos >= length) {
                throw new PatternException(open, "unterminated string constant");
            }
            char c = src.charAt(pos);
            if (c == '\'') {
                break;
            }
            if (c == '\\') {
                char escaped = pos + 1 < length ? src.charAt(pos + 1) : 0;
                if (escaped != '\'' && escaped != '\\') {
                    throw new PatternException(pos, pos + 1 < length
                            ? "invalid escape '\\" + src.charAt(pos + 1) + "' in string: only \\' and \\\\ are allowed (§9.2)"
                            : "unterminated string constant");
                }
                if (unescaped == null) {
                    unescaped = new StringBuilder(pos - runStart + 16);
                }
                unescaped.append(src, runStart, pos).append(escaped);
                pos += 2;
                runStart = pos;
            } else {
                pos++;
            }
        }
        text = unescaped == null ? src.substring(runStart, pos) : unescaped.append(src, runStart, pos).toString();
        pos++;
        finish(Kind.STRING);
    }

    /** Integer {@code -?(0|[1-9][0-9]*)} or float {@code -?[0-9]*\.[0-9]+}; no exponent, no '+'. */
    private void number() throws PatternException {
        int from = pos;
        if (src.charAt(pos) == '-') {
            pos++;
            if (pos >= length || !(isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
                throw new PatternException(from, "'-' must be followed by a number");
            }
        }
        int digitsFrom = pos;
        while (pos < length && isDigit(src.charAt(pos))) {
            pos++;
        }
        int intDigits = pos - digitsFrom;
        boolean isFloat = false;
        if (pos < length && src.charAt(pos) == '.') {
            pos++;
            int fractionFrom = pos;
            while (pos < length && isDigit(src.charAt(pos))) {
                pos++;
            }
            if (pos == fractionFrom) {
                throw new PatternException(pos, "a float needs digits after the '.'");
            }
            isFloat = true;
        }
        if (pos < length && (isIdentifierStart(src.charAt(pos)) || src.charAt(pos) == '.')) {
            throw new PatternException(pos, "invalid number: unexpected " + describe(src.charAt(pos))
                    + (src.charAt(pos) == 'e' || src.charAt(pos) == 'E' ? " (exponents are not allowed)" : ""));
        }
        if (isFloat) {
            decimal = new BigDecimal(src.substring(from, pos));
            if (Double.isInfinite(decimal.doubleValue())) {
                throw new PatternException(from, "float out of range");
            }
            finish(Kind.FLOAT);
            return;
        }
        if (intDigits > 1 && src.charAt(digitsFrom) == '0') {
            throw new PatternException(from, "an integer must not have leading zeros");
        }
        long value = 0;
        for (int i = digitsFrom; i < pos; i++) {
            value = value * 10 + (src.charAt(i) - '0');
            if (value > MAX_INTEGER) {
                throw new PatternException(from, "integer out of the STIX range ±(2^53-1) (§2.12)");
            }
        }
        integer = src.charAt(from) == '-' ? -value : value;
        finish(Kind.INTEGER);
    }

    /** Index of the closing quote of a prefixed constant whose body starts at {@code from}. */
    private int closingQuote(int from, String what) throws PatternException {
        int close = src.indexOf('\'', from);
        if (close < 0) {
            throw new PatternException(from - 2, "unterminated " + what);
        }
        return close;
    }

    /** {@code h'..'}: an even number of the characters 0-9 and a-f (§9.2). */
    private void hex() throws PatternException {
        int from = pos + 2;
        int close = closingQuote(from, "hex constant");
        for (int i = from; i < close; i++) {
            char c = src.charAt(i);
            if (c >= 'A' && c <= 'F') {
                throw new PatternException(i, "hex constants use lowercase a-f (§9.2), found '" + c + "'");
            }
            if (!isDigit(c) && !(c >= 'a' && c <= 'f')) {
                throw new PatternException(i, "invalid hex digit " + describe(c));
            }
        }
        if (((close - from) & 1) != 0) {
            throw new PatternException(pos, "a hex constant needs an even number of digits");
        }
        text = src.substring(from, close);
        pos = close + 1;
        finish(Kind.HEX);
    }

    /** {@code b'..'}: RFC 4648 base64, at least one quad, padding only at the end; line feeds ignored (§9.2). */
    private void binary() throws PatternException {
        int from = pos + 2;
        int close = closingQuote(from, "binary constant");
        int significant = 0;
        int padding = 0;
        for (int i = from; i < close; i++) {
            char c = src.charAt(i);
            if (c == '\n' || c == '\r') {
                continue;
            }
            if (c == '=') {
                padding++;
            } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || isDigit(c) || c == '+' || c == '/') {
                if (padding > 0) {
                    throw new PatternException(i, "invalid base64: '=' padding is only allowed at the end");
                }
            } else {
                throw new PatternException(i, "invalid base64 character " + describe(c));
            }
            significant++;
        }
        if (significant == 0 || significant % 4 != 0) {
            throw new PatternException(pos, "invalid base64: length must be a positive multiple of 4");
        }
        if (padding > 2) {
            throw new PatternException(pos, "invalid base64: more than two '=' padding characters");
        }
        text = src.substring(from, close);
        pos = close + 1;
        finish(Kind.BINARY);
    }

    /** {@code t'YYYY-MM-DDTHH:mm:ss[.s+]Z'} with real calendar values (§2.16, §9.2). */
    private void timestamp() throws PatternException {
        int open = pos;
        int from = pos + 2;
        int close = closingQuote(from, "timestamp constant");
        int n = close - from;
        final String form = "timestamp must be YYYY-MM-DDTHH:mm:ss[.s+]Z (§2.16)";
        if (n < 20) {
            throw new PatternException(open, form);
        }
        for (int i = 0; i < 19; i++) {
            char c = src.charAt(from + i);
            char expected = switch (i) {
                case 4, 7 -> '-';
                case 10 -> 'T';
                case 13, 16 -> ':';
                default -> '0';
            };
            boolean ok = expected == '0' ? isDigit(c) : c == expected;
            if (!ok) {
                throw new PatternException(from + i, form);
            }
        }
        int i = 19;
        if (src.charAt(from + i) == '.') {
            i++;
            int fraction = i;
            while (i < n && isDigit(src.charAt(from + i))) {
                i++;
            }
            if (i == fraction) {
                throw new PatternException(from + i, form + ": digits expected after '.'");
            }
        }
        if (i != n - 1 || src.charAt(from + i) != 'Z') {
            throw new PatternException(from + Math.min(i, n - 1), form + ": must end in 'Z' (UTC)");
        }
        int year = digits(from, 4);
        int month = digits(from + 5, 2);
        int day = digits(from + 8, 2);
        if (month < 1 || month > 12) {
            throw new PatternException(from + 5, "timestamp month out of range 01-12");
        }
        if (day < 1 || day > daysInMonth(year, month)) {
            throw new PatternException(from + 8, "timestamp day out of range for " + year + "-" + src.substring(from + 5, from + 7));
        }
        if (digits(from + 11, 2) > 23) {
            throw new PatternException(from + 11, "timestamp hour out of range 00-23");
        }
        if (digits(from + 14, 2) > 59) {
            throw new PatternException(from + 14, "timestamp minute out of range 00-59");
        }
        if (digits(from + 17, 2) > 60) {
            throw new PatternException(from + 17, "timestamp second out of range 00-60");
        }
        text = src.substring(from, close);
        pos = close + 1;
        finish(Kind.TIMESTAMP);
    }

    private int digits(int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            value = value * 10 + (src.charAt(i) - '0');
        }
        return value;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
