// SPDX-License-Identifier: MIT
#pragma once

// Internal: a read-only JSON tree for JsonCodec's reading of reports, several times cheaper than
// QJsonDocument for the common case, with the subset of QJsonValue's and QJsonObject's interface
// that the codec's reader uses, so that one reader serves both.
//
// It reads the plain JSON that the codec writes and that PyCounters writes: ASCII strings
// without escapes, no duplicate keys, numbers that are finite doubles, Python's NaN, Infinity
// and -Infinity as null. parse() refuses anything else, valid JSON included; the codec then
// reads the input with QJsonDocument, which decides whether it is valid and says what is wrong.
// So this tree never has to match Qt's error messages, only its values.

#include <counters/counters_core_export.h>

#include <QByteArray>
#include <QJsonValue>
#include <QLatin1StringView>
#include <QString>
#include <QStringList>

#include <vector>

namespace counters::detail {

class COUNTERS_CORE_EXPORT JsonTree
{
public:
    class Value;
    class Object;
    class Array;

    /// Parses `json`, which must stay alive and unchanged while the tree is used. False when the
    /// input is not an object in the subset described above.
    bool parse(QByteArrayView json);
    /// The top-level object (empty before a successful parse()).
    Object root() const;

private:
    friend class Value;
    friend class Object;
    friend class Array;
    struct Node;
    class Parser;

    static constexpr quint32 None = ~quint32(0);

    QLatin1StringView keyOf(quint32 node) const;
    QString stringOf(quint32 node) const;
    quint32 find(quint32 object, QLatin1StringView key) const;
    quint32 find(quint32 object, QStringView key) const;
    template <typename Equal, typename Less>
    quint32 find(quint32 object, Equal equal, Less less) const;

    QByteArrayView m_json;
    std::vector<Node> m_nodes;
    /// Of objects with more than SortedFrom members: their key nodes sorted by key, for lookups.
    std::vector<quint32> m_sorted;
};

struct JsonTree::Node
{
    QJsonValue::Type type = QJsonValue::Null;
    bool isInteger = false; ///< A Double that is a whole number a qint64 holds: `integer`.
    bool boolean = false;   ///< A Bool's value.
    quint32 end = 0;        ///< The index after this node's subtree.
    quint32 size = 0;       ///< Members, elements, or a string's bytes.
    quint32 offset = None;  ///< A string's first byte; an object's first entry in m_sorted.
    union
    {
        double number = 0;
        qint64 integer;
    };
};

/// A value of the tree, like a QJsonValue; a default-constructed one is Undefined.
class COUNTERS_CORE_EXPORT JsonTree::Value
{
public:
    Value() = default;
    Value(const JsonTree *tree, quint32 node) : m_tree(tree), m_node(node) { }

    QJsonValue::Type type() const;
    bool isUndefined() const { return m_node == None; }
    bool isNull() const { return type() == QJsonValue::Null; }
    bool isBool() const { return type() == QJsonValue::Bool; }
    bool isDouble() const { return type() == QJsonValue::Double; }
    bool isString() const { return type() == QJsonValue::String; }
    bool isArray() const { return type() == QJsonValue::Array; }
    bool isObject() const { return type() == QJsonValue::Object; }

    bool toBool() const;
    double toDouble() const;
    /// The value when it is a whole number that a qint64 holds, else `defaultValue`.
    qint64 toInteger(qint64 defaultValue = 0) const;
    /// Names and other short strings repeat from report to report: they share one QString per
    /// thread (see stringOf()).
    QString toString() const;
    Object toObject() const;
    Array toArray() const;

private:
    const Node *node() const;

    const JsonTree *m_tree = nullptr;
    quint32 m_node = None;
};

/// An object of the tree, like a QJsonObject; a default-constructed one is empty.
class COUNTERS_CORE_EXPORT JsonTree::Object
{
public:
    class const_iterator
    {
    public:
        QString key() const { return m_tree->stringOf(m_key); }
        Value value() const { return Value(m_tree, m_key + 1); }
        const_iterator &operator++();
        bool operator!=(const const_iterator &other) const { return m_key != other.m_key; }

    private:
        friend class Object;
        const_iterator(const JsonTree *tree, quint32 key) : m_tree(tree), m_key(key) { }
        const JsonTree *m_tree;
        quint32 m_key;
    };

    Object() = default;
    Object(const JsonTree *tree, quint32 node) : m_tree(tree), m_node(node) { }

    qsizetype size() const;
    bool isEmpty() const { return size() == 0; }
    Value value(QLatin1StringView key) const { return Value(m_tree, lookup(key)); }
    Value value(QStringView key) const { return Value(m_tree, lookup(key)); }
    bool contains(QLatin1StringView key) const { return lookup(key) != None; }
    bool contains(QStringView key) const { return lookup(key) != None; }
    /// The keys in QJsonObject's order (sorted).
    QStringList keys() const;
    const_iterator constBegin() const;
    const_iterator constEnd() const;

private:
    template <typename Key>
    quint32 lookup(Key key) const
    {
        if (m_node == None)
            return None;
        const quint32 keyNode = m_tree->find(m_node, key);
        return keyNode == None ? None : keyNode + 1;
    }

    const JsonTree *m_tree = nullptr;
    quint32 m_node = None;
};

/// An array of the tree, like a QJsonArray; a default-constructed one is empty.
class COUNTERS_CORE_EXPORT JsonTree::Array
{
public:
    Array() = default;
    Array(const JsonTree *tree, quint32 node) : m_tree(tree), m_node(node) { }

    qsizetype size() const;
    /// Constant time when the elements are numbers or other scalars, as in a histogram.
    Value at(qsizetype i) const;

private:
    const JsonTree *m_tree = nullptr;
    quint32 m_node = None;
};

} // namespace counters::detail
