package nl.camiso.stix.pattern;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nl.camiso.stix.pattern.PatternLexer.Kind;

/**
 * Recursive-descent parser for STIX 2.1 patterns (§9), one method per precedence level, lowest first:
 *
 * <pre>
 * pattern     := followedBy EOF
 * followedBy  := or (FOLLOWEDBY or)*
 * or          := and (OR and)*
 * and         := qualified (AND qualified)*
 * qualified   := ('[' cmpOr ']' | '(' followedBy ')') qualifier*
 * qualifier   := WITHIN number SECONDS | REPEATS int TIMES | START timestamp STOP timestamp
 * cmpOr       := cmpAnd (OR cmpAnd)*
 * cmpAnd      := test (AND test)*
 * test        := '(' cmpOr ')' | NOT? EXISTS path | path NOT? operator constant
 * path        := type ':' name ('.' name | '[' (int | '*') ']')*      name := identifier | 'string'
 * </pre>
 *
 * The semantic rules beyond the grammar are checked as the tree is built, so every error has the
 * position of the token at fault.
 */
final class PatternParser {

    /** Parentheses nest at most this deep, so no input can overflow the stack. */
    static final int MAX_NESTING = 100;

    private final PatternLexer lex;
    private int nesting;

    private PatternParser(String pattern) {
        this.lex = new PatternLexer(pattern);
    }

    static Pattern parse(String pattern) throws PatternException {
        PatternParser parser = new PatternParser(pattern);
        parser.lex.next();
        if (parser.lex.kind() == Kind.EOF) {
            throw new PatternException(0, "empty pattern");
        }
        ObservationExpression expression = parser.followedBy();
        if (parser.lex.kind() != Kind.EOF) {
            throw parser.unexpected("AND, OR, FOLLOWEDBY, a qualifier or the end of the pattern");
        }
        return new Pattern(expression);
    }

    // ---- observation expressions

    private ObservationExpression followedBy() throws PatternException {
        ObservationExpression first = or();
        if (!lex.is(Keyword.FOLLOWEDBY)) {
            return first;
        }
        List<ObservationExpression> operands = new ArrayList<>();
        operands.add(first);
        while (lex.is(Keyword.FOLLOWEDBY)) {
            lex.next();
            operands.add(or());
        }
        return new ObservationOperation(ObservationOperator.FOLLOWEDBY, operands);
    }

    private ObservationExpression or() throws PatternException {
        ObservationExpression first = and();
        if (!lex.is(Keyword.OR)) {
            return first;
        }
        List<ObservationExpression> operands = new ArrayList<>();
        operands.add(first);
        while (lex.is(Keyword.OR)) {
            lex.next();
            operands.add(and());
        }
        return new ObservationOperation(ObservationOperator.OR, operands);
    }

    private ObservationExpression and() throws PatternException {
        ObservationExpression first = qualified();
        if (!lex.is(Keyword.AND)) {
            return first;
        }
        List<ObservationExpression> operands = new ArrayList<>();
        operands.add(first);
        while (lex.is(Keyword.AND)) {
            lex.next();
            operands.add(qualified());
        }
        return new ObservationOperation(ObservationOperator.AND, operands);
    }

    private ObservationExpression qualified() throws PatternException {
        ObservationExpression expression;
        if (lex.kind() == Kind.LBRACKET) {
            int open = lex.start();
            lex.next();
            if (lex.kind() == Kind.RBRACKET) {
                throw new PatternException(lex.start(), "empty observation expression: expected a comparison");
            }
            ComparisonExpression comparison = cmpOr();
            if (lex.kind() != Kind.RBRACKET) {
                throw unexpected("AND, OR or ']' closing the '[' at " + open);
            }
            lex.next();
            expression = new Observation(comparison);
        } else if (lex.kind() == Kind.LPAREN) {
            int open = lex.start();
            enter(open);
            lex.next();
            expression = followedBy();
            if (lex.kind() != Kind.RPAREN) {
                throw unexpected("AND, OR, FOLLOWEDBY, a qualifier or ')' closing the '(' at " + open);
            }
            nesting--;
            lex.next();
        } else {
            throw unexpected("'[' or '(' starting an observation expression");
        }
        if (!(lex.is(Keyword.WITHIN) || lex.is(Keyword.REPEATS) || lex.is(Keyword.START))) {
            return expression;
        }
        // ([a] WITHIN 5 SECONDS) REPEATS 2 TIMES: one qualifier list, see QualifiedObservation
        List<Qualifier> qualifiers = new ArrayList<>(2);
        if (expression instanceof QualifiedObservation q) {
            qualifiers.addAll(q.qualifiers());
            expression = q.expression();
        }
        while (lex.is(Keyword.WITHIN) || lex.is(Keyword.REPEATS) || lex.is(Keyword.START)) {
            int at = lex.start();
            Qualifier qualifier = qualifier();
            for (Qualifier earlier : qualifiers) {
                if (earlier.getClass() == qualifier.getClass()) {
                    throw new PatternException(at, "an observation expression must not have more than one "
                            + qualifierName(qualifier) + " qualifier (§9.5.1)");
                }
            }
            qualifiers.add(qualifier);
        }
        return new QualifiedObservation(expression, qualifiers);
    }

    private static String qualifierName(Qualifier q) {
        if (q instanceof Qualifier.Within) {
            return "WITHIN";
        }
        return q instanceof Qualifier.Repeats ? "REPEATS" : "START/STOP";
    }

    private Qualifier qualifier() throws PatternException {
        if (lex.is(Keyword.WITHIN)) {
            lex.next();
            int at = lex.start();
            BigDecimal seconds;
            if (lex.kind() == Kind.INTEGER) {
                seconds = BigDecimal.valueOf(lex.integer());
            } else if (lex.kind() == Kind.FLOAT) {
                seconds = lex.decimal();
            } else {
                throw unexpected("a number of seconds after WITHIN");
            }
            if (seconds.signum() <= 0) {
                throw new PatternException(at, "WITHIN needs a positive number of seconds (§9.5.1)");
            }
            lex.next();
            expectKeyword(Keyword.SECONDS, "SECONDS (the only unit, §9.5.1)");
            return new Qualifier.Within(seconds);
        }
        if (lex.is(Keyword.REPEATS)) {
            lex.next();
            int at = lex.start();
            if (lex.kind() != Kind.INTEGER) {
                throw unexpected("a positive integer after REPEATS");
            }
            if (lex.integer() <= 0) {
                throw new PatternException(at, "REPEATS needs a positive integer (§9.5.1)");
            }
            long times = lex.integer();
            lex.next();
            expectKeyword(Keyword.TIMES, "TIMES");
            return new Qualifier.Repeats(times);
        }
        lex.next(); // START
        Literal.TimestampLiteral start = timestampOperand("START");
        expectKeyword(Keyword.STOP, "STOP");
        Literal.TimestampLiteral stop = timestampOperand("STOP");
        return new Qualifier.StartStop(start, stop);
    }

    private Literal.TimestampLiteral timestampOperand(String after) throws PatternException {
        if (lex.kind() != Kind.TIMESTAMP) {
            throw unexpected("a timestamp t'...' after " + after);
        }
        Literal.TimestampLiteral t = new Literal.TimestampLiteral(lex.text());
        lex.next();
        return t;
    }

    private void expectKeyword(Keyword keyword, String expected) throws PatternException {
        if (!lex.is(keyword)) {
            throw unexpected(expected);
        }
        lex.next();
    }

    // ---- comparison expressions

    private ComparisonExpression cmpOr() throws PatternException {
        ComparisonExpression first = cmpAnd();
        if (!lex.is(Keyword.OR)) {
            return first;
        }
        List<ComparisonExpression> operands = new ArrayList<>();
        operands.add(first);
        while (lex.is(Keyword.OR)) {
            lex.next();
            operands.add(cmpAnd());
        }
        return new ComparisonOperation(BooleanOperator.OR, operands);
    }

    /** Operands of AND must all start from one object type (§9.5): different types are joined by OR. */
    private ComparisonExpression cmpAnd() throws PatternException {
        int firstAt = lex.start();
        ComparisonExpression first = test();
        if (!lex.is(Keyword.AND)) {
            return first;
        }
        String type = singleObjectType(first);
        if (type == null) {
            throw mixedTypes(firstAt);
        }
        List<ComparisonExpression> operands = new ArrayList<>();
        operands.add(first);
        while (lex.is(Keyword.AND)) {
            lex.next();
            int at = lex.start();
            ComparisonExpression operand = test();
            String operandType = singleObjectType(operand);
            if (operandType == null) {
                throw mixedTypes(at);
            }
            if (!operandType.equals(type)) {
                throw new PatternException(at, "comparisons on different object types ('" + type + "' and '"
                        + operandType + "') must be joined by OR, not AND (§9.5)");
            }
            operands.add(operand);
        }
        return new ComparisonOperation(BooleanOperator.AND, operands);
    }

    private static PatternException mixedTypes(int at) {
        return new PatternException(at, "an operand of AND compares several object types;"
                + " comparisons on different object types must be joined by OR (§9.5)");
    }

    /** The one object type all comparisons in {@code e} start from, or null when there are several. */
    private static String singleObjectType(ComparisonExpression e) {
        if (e instanceof Comparison c) {
            return c.path().objectType();
        }
        if (e instanceof Exists x) {
            return x.path().objectType();
        }
        String type = null;
        for (ComparisonExpression operand : ((ComparisonOperation) e).operands()) {
            String operandType = singleObjectType(operand);
            if (operandType == null || (type != null && !type.equals(operandType))) {
                return null;
            }
            type = operandType;
        }
        return type;
    }

    private ComparisonExpression test() throws PatternException {
        if (lex.kind() == Kind.LPAREN) {
            int open = lex.start();
            enter(open);
            lex.next();
            ComparisonExpression inner = cmpOr();
            if (lex.kind() != Kind.RPAREN) {
                throw unexpected("AND, OR or ')' closing the '(' at " + open);
            }
            nesting--;
            lex.next();
            return inner;
        }
        boolean negated = false;
        if (lex.is(Keyword.NOT)) {
            negated = true;
            lex.next();
            if (!lex.is(Keyword.EXISTS)) {
                throw unexpected("EXISTS after a leading NOT (write 'path NOT operator value' to negate a comparison)");
            }
        }
        if (lex.is(Keyword.EXISTS)) {
            lex.next();
            return new Exists(path(), negated);
        }
        ObjectPath path = path();
        if (lex.is(Keyword.NOT)) {
            negated = true;
            lex.next();
        }
        ComparisonOperator operator = operator();
        lex.next();
        int valueAt = lex.start();
        Literal value = operator == ComparisonOperator.IN ? set() : constant(operator);
        checkHashValue(path, operator, value, valueAt);
        return new Comparison(path, negated, operator, value);
    }

    private ComparisonOperator operator() throws PatternException {
        switch (lex.kind()) {
            case EQ:
                return ComparisonOperator.EQUAL;
            case NEQ:
                return ComparisonOperator.NOT_EQUAL;
            case LT:
                return ComparisonOperator.LESS_THAN;
            case LE:
                return ComparisonOperator.LESS_THAN_OR_EQUAL;
            case GT:
                return ComparisonOperator.GREATER_THAN;
            case GE:
                return ComparisonOperator.GREATER_THAN_OR_EQUAL;
            case KEYWORD:
                switch (lex.keyword()) {
                    case IN:
                        return ComparisonOperator.IN;
                    case LIKE:
                        return ComparisonOperator.LIKE;
                    case MATCHES:
                        return ComparisonOperator.MATCHES;
                    case ISSUBSET:
                        return ComparisonOperator.ISSUBSET;
                    case ISSUPERSET:
                        return ComparisonOperator.ISSUPERSET;
                    default:
                        break;
                }
                break;
            default:
                break;
        }
        throw unexpected("a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)");
    }

    /** The constant after {@code operator}, of a kind the grammar allows there. */
    private Literal constant(ComparisonOperator operator) throws PatternException {
        switch (operator) {
            case LIKE, MATCHES, ISSUBSET, ISSUPERSET -> {
                if (lex.kind() != Kind.STRING) {
                    throw unexpected("a quoted string after " + operator.symbol());
                }
            }
            case LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> {
                if (lex.kind() == Kind.BOOLEAN) {
                    throw new PatternException(lex.start(), "a boolean cannot be compared with "
                            + operator.symbol() + " (only = and !=)");
                }
            }
            default -> {
            }
        }
        Literal value = primitive();
        if (value == null) {
            throw unexpected("a constant (string, number, boolean, h'..', b'..' or t'..')");
        }
        lex.next();
        return value;
    }

    /** The current token as a constant, or null when it is not one. Does not advance. */
    private Literal primitive() throws PatternException {
        switch (lex.kind()) {
            case STRING:
                return new Literal.StringLiteral(lex.text());
            case INTEGER:
                return new Literal.IntegerLiteral(lex.integer());
            case FLOAT:
                return new Literal.FloatLiteral(lex.decimal());
            case BOOLEAN:
                return new Literal.BooleanLiteral(lex.bool());
            case HEX:
                return new Literal.HexLiteral(lex.text());
            case BINARY:
                return new Literal.BinaryLiteral(lex.text());
            case TIMESTAMP:
                return new Literal.TimestampLiteral(lex.text());
            case IDENTIFIER:
                if (lex.text().equalsIgnoreCase("true") || lex.text().equalsIgnoreCase("false")) {
                    throw new PatternException(lex.start(), "booleans are written lowercase: true or false");
                }
                return null;
            default:
                return null;
        }
    }

    /** {@code (c1, c2, ...)}: constants of one kind (§9.6.1: "homogeneous data type"). */
    private Literal.SetLiteral set() throws PatternException {
        if (lex.kind() != Kind.LPAREN) {
            throw unexpected("'(' starting the set of constants after IN");
        }
        int open = lex.start();
        lex.next();
        List<Literal> elements = new ArrayList<>();
        if (lex.kind() != Kind.RPAREN) {
            while (true) {
                Literal element = primitive();
                if (element == null) {
                    throw unexpected("a constant in the IN set");
                }
                if (!elements.isEmpty() && element.getClass() != elements.get(0).getClass()) {
                    throw new PatternException(lex.start(), "the constants of an IN set must be of one type (§9.6.1): "
                            + kindName(element) + " after " + kindName(elements.get(0)));
                }
                elements.add(element);
                lex.next();
                if (lex.kind() == Kind.RPAREN) {
                    break;
                }
                if (lex.kind() != Kind.COMMA) {
                    throw unexpected("',' or ')' closing the IN set opened at " + open);
                }
                lex.next();
            }
        }
        lex.next();
        return new Literal.SetLiteral(elements);
    }

    private static String kindName(Literal l) {
        String simple = l.getClass().getSimpleName();
        return simple.substring(0, simple.length() - "Literal".length()).toLowerCase(Locale.ROOT);
    }

    private void checkHashValue(ObjectPath path, ComparisonOperator operator, Literal value, int at)
            throws PatternException {
        if (operator != ComparisonOperator.EQUAL && operator != ComparisonOperator.NOT_EQUAL
                && operator != ComparisonOperator.IN) {
            return;
        }
        HashAlgorithms.Algorithm algorithm = HashAlgorithms.ofPath(path);
        if (algorithm == null) {
            return;
        }
        if (value instanceof Literal.SetLiteral set) {
            for (Literal element : set.elements()) {
                checkHash(algorithm, element, at);
            }
        } else {
            checkHash(algorithm, value, at);
        }
    }

    private static void checkHash(HashAlgorithms.Algorithm algorithm, Literal value, int at) throws PatternException {
        if (value instanceof Literal.StringLiteral s && !algorithm.accepts(s.value())) {
            throw new PatternException(at, "not a valid " + algorithm.canonicalName() + " value: expected "
                    + algorithm.description());
        }
    }

    // ---- object paths

    private ObjectPath path() throws PatternException {
        if (lex.kind() != Kind.IDENTIFIER) {
            if (lex.kind() == Kind.KEYWORD && lex.keyword() == Keyword.NOT) {
                throw unexpected("an object path (NOT goes after the path: 'path NOT = value')");
            }
            throw unexpected("an object path (object-type:property)");
        }
        int typeAt = lex.start();
        String type = lex.text();
        checkObjectType(type, typeAt);
        lex.next();
        if (lex.kind() != Kind.COLON) {
            throw unexpected("':' between the object type and the property name");
        }
        lex.next();
        List<PathStep> steps = new ArrayList<>(3);
        steps.add(new PathStep.Property(name(true)));
        while (true) {
            if (lex.kind() == Kind.DOT) {
                lex.next();
                steps.add(new PathStep.Property(name(false)));
            } else if (lex.kind() == Kind.LBRACKET) {
                lex.next();
                if (lex.kind() == Kind.STAR) {
                    steps.add(new PathStep.AnyIndex());
                } else if (lex.kind() == Kind.INTEGER) {
                    if (lex.integer() < 0) {
                        throw new PatternException(lex.start(), "a list index must not be negative (§9.7.2)");
                    }
                    if (lex.integer() > Integer.MAX_VALUE) {
                        throw new PatternException(lex.start(), "list index too large");
                    }
                    steps.add(new PathStep.Index((int) lex.integer()));
                } else {
                    throw unexpected("a list index (a non-negative integer or '*')");
                }
                lex.next();
                if (lex.kind() != Kind.RBRACKET) {
                    throw unexpected("']' closing the list index");
                }
                lex.next();
            } else {
                return new ObjectPath(type, steps);
            }
        }
    }

    /** Type names: ASCII a-z, 0-9 and '-', starting with a letter, 3 to 250 characters (§3.1, §11). */
    private static void checkObjectType(String type, int at) throws PatternException {
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (i > 0 && (PatternLexer.isDigit(c) || c == '-'));
            if (!ok) {
                throw new PatternException(at + i, "object type '" + type
                        + "' must consist of lowercase a-z, 0-9 and '-' and start with a letter");
            }
        }
        if (type.length() < 3 || type.length() > 250) {
            throw new PatternException(at, "object type '" + type + "' must be 3 to 250 characters long");
        }
    }

    /**
     * A property name or dictionary key. Bare: {@code [A-Za-z_][A-Za-z0-9_]*}; with '-' or '.' it must
     * be quoted (§9.7). The first name after the colon is a property name (§3.1): lowercase a-z, 0-9 and '_'
     * starting with a letter, 3 to 250 characters ({@code id} excepted). Later names may be dictionary
     * keys (hash names, extension names): ASCII letters, digits, '_' and '-' ('.' allowed when quoted,
     * as §9.7 foresees), 1 to 250 characters.
     */
    private String name(boolean first) throws PatternException {
        int at = lex.start();
        String name;
        if (lex.kind() == Kind.STRING) {
            name = lex.text();
        } else if (lex.kind() == Kind.IDENTIFIER) {
            name = lex.text();
            if (name.indexOf('-') >= 0) {
                throw new PatternException(at, "property name '" + name
                        + "' contains '-' and must be quoted: '" + name + "' (§9.7)");
            }
        } else if (lex.kind() == Kind.KEYWORD || lex.kind() == Kind.BOOLEAN) {
            throw new PatternException(at, "'" + lex.lexeme() + "' is a reserved word; quote it to use it as a property name");
        } else {
            throw unexpected(first ? "a property name after ':'" : "a property name");
        }
        if (first) {
            checkPropertyName(name, at);
        } else {
            checkKey(name, at);
        }
        lex.next();
        return name;
    }

    private static void checkPropertyName(String name, int at) throws PatternException {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (i > 0 && (PatternLexer.isDigit(c) || c == '_'));
            if (!ok) {
                throw new PatternException(at, "property name '" + name
                        + "' must consist of lowercase a-z, 0-9 and '_' and start with a letter");
            }
        }
        if ((name.length() < 3 && !name.equals("id")) || name.length() > 250) {
            throw new PatternException(at, "property name '" + name + "' must be 3 to 250 characters long");
        }
    }

    private static void checkKey(String name, int at) throws PatternException {
        if (name.isEmpty() || name.length() > 250) {
            throw new PatternException(at, "property name or key must be 1 to 250 characters long");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(PatternLexer.isIdentifierPart(c) || c == '.')) {
                throw new PatternException(at, "property name or key '" + name
                        + "' may only contain ASCII letters, digits, '_' and '-'");
            }
        }
    }

    private void enter(int at) throws PatternException {
        if (++nesting > MAX_NESTING) {
            throw new PatternException(at, "parentheses nested deeper than " + MAX_NESTING);
        }
    }

    // ---- errors

    private PatternException unexpected(String expected) {
        if (lex.kind() == Kind.IDENTIFIER) {
            Keyword k = Keyword.ignoringCase(lex.text());
            if (k != null) {
                return new PatternException(lex.start(), "keywords are UPPERCASE: '" + lex.text() + "' must be written "
                        + k.name() + " (expected " + expected + ")");
            }
        }
        String found = lex.kind() == Kind.EOF ? "end of pattern" : "'" + lex.lexeme() + "'";
        return new PatternException(lex.start(), "expected " + expected + ", found " + found);
    }
}
