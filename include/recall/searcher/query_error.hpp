// A query the user must fix: a bad word, filter, date or option value.
#pragma once

#include <stdexcept>

namespace recall {

// The message says what is wrong and how to write it.
class QueryError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace recall
