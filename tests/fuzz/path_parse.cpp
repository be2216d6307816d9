// ddbx::path::parse ("a.b[3].c") on any text, and rendering the parsed path into an expression
// (name placeholders, the names JSON). Property: a parsed path's canonical text parses to the
// same steps.
#include "fuzz_common.hpp"
#include "ddbx/expr/attr.hpp"
#include "ddbx/expr/context.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  auto p = ddbx::path::parse(input);
  if (!p) {
    (void)p.error().what_text();
    return 0;
  }
  const std::vector<ddbx::path_step> steps = p->steps();
  FUZZ_CHECK(!steps.empty() && !steps.front().is_index, "a parsed path is empty or starts with an index");
  std::string canonical;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].is_index) {
      canonical += '[';
      canonical += std::to_string(steps[i].index);
      canonical += ']';
    } else {
      if (i) canonical += '.';
      canonical += steps[i].name;
    }
  }
  auto again = ddbx::path::parse(canonical);
  FUZZ_CHECK(again && again->steps() == steps, "the canonical text of a parsed path does not parse to the same steps");
  ddbx::render_context c;
  std::string out;
  p->render(c, out);
  if (!c.failed()) (void)c.names_json();
  return 0;
}
