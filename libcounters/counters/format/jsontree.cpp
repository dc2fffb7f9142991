// SPDX-License-Identifier: MIT
#include "jsontree_p.h"

#include <QHash>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace counters::detail {

namespace {

/// Objects of at least this many members get a sorted index; smaller ones are scanned.
constexpr quint32 SortedFrom = 16;
/// Deeper nesting is left to QJsonDocument (reports nest four levels).
constexpr int MaxDepth = 64;
/// Strings up to this length are shared per thread (see JsonTree::stringOf()).
constexpr quint32 MaxSharedLength = 256;
constexpr qsizetype MaxSharedStrings = 16384;

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

} // namespace

class JsonTree::Parser
{
public:
    Parser(JsonTree &tree, QByteArrayView json)
        : m_tree(tree), m_begin(json.data()), m_at(json.data()), m_end(json.data() + json.size())
    {
    }

    bool document()
    {
        skipSpace();
        if (m_at == m_end || *m_at != '{' || !value(0))
            return false;
        skipSpace();
        return m_at == m_end;
    }

private:
    void skipSpace()
    {
        while (m_at != m_end && isSpace(*m_at))
            ++m_at;
    }

    quint32 push(QJsonValue::Type type)
    {
        const auto index = quint32(m_tree.m_nodes.size());
        Node &node = m_tree.m_nodes.emplace_back();
        node.type = type;
        node.end = index + 1;
        return index;
    }

    bool literal(QByteArrayView text)
    {
        if (m_end - m_at < text.size() || std::memcmp(m_at, text.data(), text.size()) != 0)
            return false;
        m_at += text.size();
        return true;
    }

    bool value(int depth)
    {
        if (m_at == m_end)
            return false;
        switch (*m_at) {
        case '{':
            return object(depth + 1);
        case '[':
            return array(depth + 1);
        case '"':
            return string();
        case 't':
        case 'f': {
            const bool truth = *m_at == 't';
            if (!literal(truth ? "true" : "false"))
                return false;
            m_tree.m_nodes[push(QJsonValue::Bool)].boolean = truth;
            return true;
        }
        case 'n':
            push(QJsonValue::Null);
            return literal("null");
        // PyCounters' non-finite values read as "no value", as QJsonDocument's path reads them.
        case 'N':
            push(QJsonValue::Null);
            return literal("NaN");
        case 'I':
            push(QJsonValue::Null);
            return literal("Infinity");
        case '-':
            if (m_end - m_at > 1 && m_at[1] == 'I') {
                push(QJsonValue::Null);
                return literal("-Infinity");
            }
            return number();
        default:
            return isDigit(*m_at) && number();
        }
    }

    bool string()
    {
        ++m_at; // '"'
        const char *start = m_at;
        // Plain ASCII only: escapes and UTF-8 (and its validation) are QJsonDocument's.
        while (m_at != m_end) {
            const auto c = static_cast<unsigned char>(*m_at);
            if (c == '"')
                break;
            if (c == '\\' || c < 0x20 || c >= 0x80)
                return false;
            ++m_at;
        }
        if (m_at == m_end)
            return false;
        Node &node = m_tree.m_nodes[push(QJsonValue::String)];
        node.offset = quint32(start - m_begin);
        node.size = quint32(m_at - start);
        ++m_at; // '"'
        return true;
    }

    bool number()
    {
        // Strict JSON grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
        const char *start = m_at;
        if (*m_at == '-')
            ++m_at;
        if (m_at == m_end || !isDigit(*m_at))
            return false;
        if (*m_at == '0')
            ++m_at;
        else
            skipDigits();
        bool integral = true;
        if (m_at != m_end && *m_at == '.') {
            integral = false;
            ++m_at;
            if (m_at == m_end || !isDigit(*m_at))
                return false;
            skipDigits();
        }
        if (m_at != m_end && (*m_at == 'e' || *m_at == 'E')) {
            integral = false;
            ++m_at;
            if (m_at != m_end && (*m_at == '+' || *m_at == '-'))
                ++m_at;
            if (m_at == m_end || !isDigit(*m_at))
                return false;
            skipDigits();
        }
        Node &node = m_tree.m_nodes[push(QJsonValue::Double)];
        // As QJsonDocument: an integer literal that a qint64 holds is kept exact.
        if (integral) {
            const auto [end, error] = std::from_chars(start, m_at, node.integer);
            if (error == std::errc() && end == m_at) {
                node.isInteger = true;
                return true;
            }
        }
        // Correctly rounded, as QJsonDocument's; out of range (1e400) is QJsonDocument's call.
        double number = 0;
        const auto [end, error] = std::from_chars(start, m_at, number);
        if (error != std::errc() || end != m_at)
            return false;
        // QJsonDocument keeps a whole number that a qint64 holds as one (so -0.0 reads as 0).
        if (number == std::trunc(number) && number >= -9223372036854775808.0
            && number < 9223372036854775808.0) {
            node.integer = qint64(number);
            node.isInteger = true;
        } else {
            node.number = number;
        }
        return true;
    }

    void skipDigits()
    {
        while (m_at != m_end && isDigit(*m_at))
            ++m_at;
    }

    bool array(int depth)
    {
        if (depth > MaxDepth)
            return false;
        const quint32 index = push(QJsonValue::Array);
        return container(index, ']', [&] { return value(depth); });
    }

    bool object(int depth)
    {
        if (depth > MaxDepth)
            return false;
        const quint32 index = push(QJsonValue::Object);
        const auto member = [&] {
            if (m_at == m_end || *m_at != '"' || !string())
                return false;
            skipSpace();
            if (m_at == m_end || *m_at != ':')
                return false;
            ++m_at;
            skipSpace();
            return value(depth);
        };
        return container(index, '}', member) && finishObject(index);
    }

    /// Reads the elements (`element`) of the container at node `index` up to `close`, and
    /// records their number and the container's end.
    template <typename Element>
    bool container(quint32 index, char close, Element element)
    {
        ++m_at; // the opening bracket
        skipSpace();
        quint32 size = 0;
        if (m_at != m_end && *m_at == close) {
            ++m_at;
        } else {
            for (;;) {
                if (!element())
                    return false;
                ++size;
                skipSpace();
                if (m_at == m_end)
                    return false;
                if (*m_at == close) {
                    ++m_at;
                    break;
                }
                if (*m_at != ',')
                    return false;
                ++m_at;
                skipSpace();
            }
        }
        Node &node = m_tree.m_nodes[index];
        node.size = size;
        node.end = quint32(m_tree.m_nodes.size());
        return true;
    }

    /// Gives a large object its sorted index. False when a key repeats: which of the values
    /// counts is QJsonDocument's rule, so such input goes there.
    bool finishObject(quint32 object)
    {
        const Node &node = m_tree.m_nodes[object];
        std::vector<quint32> keys;
        keys.reserve(node.size);
        for (quint32 key = object + 1; key != node.end; key = m_tree.m_nodes[key + 1].end)
            keys.push_back(key);
        const auto keyOf = [this](quint32 key) { return m_tree.keyOf(key); };
        if (node.size < SortedFrom) {
            for (std::size_t i = 0; i < keys.size(); ++i) {
                for (std::size_t j = i + 1; j < keys.size(); ++j) {
                    if (keyOf(keys[i]) == keyOf(keys[j]))
                        return false;
                }
            }
            return true;
        }
        std::sort(keys.begin(), keys.end(),
                  [&](quint32 a, quint32 b) { return keyOf(a) < keyOf(b); });
        for (std::size_t i = 1; i < keys.size(); ++i) {
            if (keyOf(keys[i - 1]) == keyOf(keys[i]))
                return false;
        }
        m_tree.m_nodes[object].offset = quint32(m_tree.m_sorted.size());
        m_tree.m_sorted.insert(m_tree.m_sorted.end(), keys.cbegin(), keys.cend());
        return true;
    }

    JsonTree &m_tree;
    const char *m_begin;
    const char *m_at;
    const char *m_end;
};

bool JsonTree::parse(QByteArrayView json)
{
    m_json = json;
    m_nodes.clear();
    m_sorted.clear();
    // Node indices and string offsets are 32 bits; such documents are QJsonDocument's too.
    if (json.size() >= qsizetype(std::numeric_limits<qint32>::max()))
        return false;
    m_nodes.reserve(std::size_t(json.size() / 16 + 4));
    if (Parser(*this, json).document())
        return true;
    m_nodes.clear();
    m_sorted.clear();
    return false;
}

JsonTree::Object JsonTree::root() const
{
    return m_nodes.empty() ? Object() : Object(this, 0);
}

QLatin1StringView JsonTree::keyOf(quint32 node) const
{
    const Node &n = m_nodes[node];
    return QLatin1StringView(m_json.data() + n.offset, qsizetype(n.size));
}

QString JsonTree::stringOf(quint32 node) const
{
    const QLatin1StringView text = keyOf(node);
    if (text.size() > qsizetype(MaxSharedLength))
        return QString(text);
    // Reports of a source repeat the same names, types and units: one QString each per thread
    // saves an allocation per string, and the rows of successive reports share their names.
    thread_local QHash<QByteArray, QString> shared;
    const QByteArray bytes = QByteArray::fromRawData(text.data(), text.size());
    if (const auto it = shared.constFind(bytes); it != shared.cend())
        return *it;
    QString string(text);
    // Full, it keeps what it has (the names, types and units seen first), rather than churn
    // through a report of more distinct strings than it holds.
    if (shared.size() < MaxSharedStrings)
        shared.insert(QByteArray(text.data(), text.size()), string);
    return string;
}

template <typename Equal, typename Less>
quint32 JsonTree::find(quint32 object, Equal equal, Less less) const
{
    const Node &node = m_nodes[object];
    if (node.type != QJsonValue::Object)
        return None;
    if (node.size < SortedFrom) {
        for (quint32 key = object + 1; key != node.end; key = m_nodes[key + 1].end) {
            if (equal(keyOf(key)))
                return key;
        }
        return None;
    }
    const auto first = m_sorted.cbegin() + node.offset;
    const auto last = first + node.size;
    const auto it =
        std::lower_bound(first, last, 0, [&](quint32 key, int) { return less(keyOf(key)); });
    return it != last && equal(keyOf(*it)) ? *it : None;
}

quint32 JsonTree::find(quint32 object, QLatin1StringView key) const
{
    return find(
        object, [key](QLatin1StringView k) { return k == key; },
        [key](QLatin1StringView k) { return k < key; });
}

quint32 JsonTree::find(quint32 object, QStringView key) const
{
    // The tree's keys are ASCII, whose order is the same in Latin-1 and UTF-16.
    return find(
        object, [key](QLatin1StringView k) { return key.compare(k) == 0; },
        [key](QLatin1StringView k) { return key.compare(k) > 0; });
}

// --- Value ---------------------------------------------------------------------------------

const JsonTree::Node *JsonTree::Value::node() const
{
    return m_node == None ? nullptr : &m_tree->m_nodes[m_node];
}

QJsonValue::Type JsonTree::Value::type() const
{
    const Node *n = node();
    return n ? n->type : QJsonValue::Undefined;
}

bool JsonTree::Value::toBool() const
{
    const Node *n = node();
    return n && n->type == QJsonValue::Bool && n->boolean;
}

double JsonTree::Value::toDouble() const
{
    const Node *n = node();
    if (!n || n->type != QJsonValue::Double)
        return 0;
    return n->isInteger ? double(n->integer) : n->number;
}

qint64 JsonTree::Value::toInteger(qint64 defaultValue) const
{
    const Node *n = node();
    if (!n || n->type != QJsonValue::Double)
        return defaultValue;
    // Whole numbers that a qint64 holds are integers (see Parser::number()).
    return n->isInteger ? n->integer : defaultValue;
}

QString JsonTree::Value::toString() const
{
    const Node *n = node();
    return n && n->type == QJsonValue::String ? m_tree->stringOf(m_node) : QString();
}

JsonTree::Object JsonTree::Value::toObject() const
{
    const Node *n = node();
    return n && n->type == QJsonValue::Object ? Object(m_tree, m_node) : Object();
}

JsonTree::Array JsonTree::Value::toArray() const
{
    const Node *n = node();
    return n && n->type == QJsonValue::Array ? Array(m_tree, m_node) : Array();
}

// --- Object --------------------------------------------------------------------------------

qsizetype JsonTree::Object::size() const
{
    return m_node == None ? 0 : qsizetype(m_tree->m_nodes[m_node].size);
}

QStringList JsonTree::Object::keys() const
{
    QStringList keys;
    keys.reserve(size());
    for (auto it = constBegin(); it != constEnd(); ++it)
        keys.append(it.key());
    std::sort(keys.begin(), keys.end());
    return keys;
}

JsonTree::Object::const_iterator JsonTree::Object::constBegin() const
{
    // An empty object's end is the node after it.
    return const_iterator(m_tree, m_node == None ? None : m_node + 1);
}

JsonTree::Object::const_iterator JsonTree::Object::constEnd() const
{
    return const_iterator(m_tree, m_node == None ? None : m_tree->m_nodes[m_node].end);
}

JsonTree::Object::const_iterator &JsonTree::Object::const_iterator::operator++()
{
    m_key = m_tree->m_nodes[m_key + 1].end;
    return *this;
}

// --- Array ---------------------------------------------------------------------------------

qsizetype JsonTree::Array::size() const
{
    return m_node == None ? 0 : qsizetype(m_tree->m_nodes[m_node].size);
}

JsonTree::Value JsonTree::Array::at(qsizetype i) const
{
    if (i < 0 || i >= size())
        return Value();
    const Node &node = m_tree->m_nodes[m_node];
    // Scalars only: element i is the node i after the array's.
    if (node.end == m_node + 1 + node.size)
        return Value(m_tree, m_node + 1 + quint32(i));
    quint32 element = m_node + 1;
    for (qsizetype n = 0; n < i; ++n)
        element = m_tree->m_nodes[element].end;
    return Value(m_tree, element);
}

} // namespace counters::detail
