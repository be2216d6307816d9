#pragma once
// How decoding treats what the wire may hold but the C++ type does not say: absent members,
// attributes the struct lacks, and the forms other SDKs write. Strict is the default: every
// option widens what is accepted, never changes what a strict decode returns.
//
//   ddbx::decode_item<order, ddbx::decode_options{.lenient_missing = true}>(json);
//   ddbx::decode_item<order, ddbx::interop_decode>(json);   // items the Go, Java or JS SDKs wrote

namespace ddbx {

struct decode_options {
  bool lenient_missing = false;  // a missing non-optional member stays default-constructed (for projections)
  bool strict_unknown = false;   // an attribute the struct does not have is an error
  // {"NULL":true} read into a member that is not optional (a string, number, container, struct…)
  // gives its default value: the Go SDK writes nil slices, maps and pointers as NULL.
  bool null_as_default = false;
  // SS, NS and BS read into a std::vector (or another sequence) of strings, numbers or binaries, as
  // well as L: other SDKs map their lists and sets to one type.
  bool sets_as_lists = false;
  // Times (std::chrono::system_clock::time_point, an S) in RFC 3339 with any UTC offset
  // ("2024-06-01T14:34:56.5+02:00", read as UTC) and any fraction (Go trims trailing zeros), not only
  // ddbx's own "…Z" form. Any form names one instant; what ddbx writes stays the same.
  bool rfc3339_times = false;
};

// Every option for items other SDKs wrote, strict about the rest.
inline constexpr decode_options interop_decode{.null_as_default = true, .sets_as_lists = true, .rfc3339_times = true};

}  // namespace ddbx
