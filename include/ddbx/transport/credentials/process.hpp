#pragma once
// credential_process: a profile's command, run without a shell (split like a POSIX shell would:
// quotes and backslashes, no expansion), whose stdout is the JSON
// {"Version":1,"AccessKeyId":…,"SecretAccessKey":…,"SessionToken":…,"Expiration":"ISO-8601"}.
// Its stdin and stderr are ours (a prompt or a complaint reaches the user); no other descriptor is
// inherited. stdout over 1 MB is refused; a command running past its timeout (60 s unless
// credential_process_options says otherwise) is killed. Output ends when the command exits, even
// if a background child it started still holds stdout.
//
//   [profile dev]
//   credential_process = /opt/bin/get-keys --account "my account"
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ddbx/transport/credentials/credentials.hpp"
#include "ddbx/transport/detail/credentials_json_parse.hpp"

extern char** environ;

namespace ddbx {

struct credential_process_options {
  // How long the command may run; then it is killed. botocore has none: a hung helper would block
  // every thread waiting on the credentials cache.
  std::chrono::milliseconds timeout{60000};
};

namespace detail {

// Words of a command line as a POSIX shell splits them; none when a quote is left open.
inline std::optional<std::vector<std::string>> split_command(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(std::move(word)), word.clear(), in_word = false;
    } else if (c == '\'') {
      const std::size_t close = line.find('\'', i + 1);
      if (close == std::string_view::npos) return std::nullopt;
      word.append(line.substr(i + 1, close - i - 1)), i = close, in_word = true;
    } else if (c == '"') {
      for (++i; i < line.size() && line[i] != '"'; ++i) {
        if (line[i] == '\\' && i + 1 < line.size() && std::string_view("\"\\$`").find(line[i + 1]) != std::string_view::npos) ++i;
        word += line[i];
      }
      if (i >= line.size()) return std::nullopt;
      in_word = true;
    } else if (c == '\\' && i + 1 < line.size()) {
      word += line[++i], in_word = true;
    } else {
      word += c, in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

// The command's stdout and exit status; an error when it cannot start, outlives `timeout`
// (then it is killed and reaped), prints over 1 MB or cannot be waited for. Output ends at EOF,
// or when the command has exited (a background child it left may hold stdout open for good).
inline result<std::pair<std::string, int>> run_for_output(const std::vector<std::string>& words, std::string_view provider,
                                                          std::chrono::milliseconds timeout) {
  std::vector<char*> argv;
  for (const std::string& w : words) argv.push_back(const_cast<char*>(w.c_str()));
  argv.push_back(nullptr);
  int out[2];
  if (::pipe2(out, O_CLOEXEC | O_NONBLOCK) != 0) return credentials_error(provider, "pipe() failed");
  // The child's end blocks as usual; only ours polls.
  if (::fcntl(out[1], F_SETFL, 0) != 0) {
    ::close(out[0]), ::close(out[1]);
    return credentials_error(provider, "fcntl() failed");
  }
  posix_spawn_file_actions_t actions;
  if (posix_spawn_file_actions_init(&actions) != 0) {
    ::close(out[0]), ::close(out[1]);
    return credentials_error(provider, "posix_spawn_file_actions_init() failed");
  }
  int prepared = posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);  // dup2 clears O_CLOEXEC on stdout
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
  // Every other descriptor closed: libcurl's pooled sockets have no FD_CLOEXEC.
  if (prepared == 0) prepared = posix_spawn_file_actions_addclosefrom_np(&actions, 3);
#endif
  pid_t pid = 0;
  const int spawned = prepared != 0 ? prepared : ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  if (spawned != 0) {
    ::close(out[0]);
    return credentials_error(provider, "could not start " + words[0] + ": " + std::strerror(spawned));
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string text;
  char chunk[4096];
  bool eof = false, exited = false, too_long = false;
  int status = 0, wait_errno = 0;
  const auto drain = [&] {  // reads what the pipe holds now
    for (;;) {
      const ssize_t n = ::read(out[0], chunk, sizeof chunk);
      if (n > 0) text.append(chunk, static_cast<std::size_t>(n));
      else if (n == 0) eof = true;
      else if (errno == EINTR) continue;
      if (n <= 0 || text.size() > (std::size_t{1} << 20)) break;
    }
    too_long = text.size() > (std::size_t{1} << 20);
  };
  for (;;) {
    if (!exited) {
      const pid_t w = ::waitpid(pid, &status, WNOHANG);
      if (w == pid) exited = true;
      else if (w < 0 && errno != EINTR) {
        wait_errno = errno;
        break;
      }
    }
    if (!eof) drain();
    if (too_long || exited) break;  // drained after the exit was seen: what the pipe holds is all
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{out[0], POLLIN, 0};
    // Output wakes the poll; an exit is noticed within 10 ms.
    (void)::poll(eof ? nullptr : &p, eof ? 0 : 1, static_cast<int>(std::min<long long>(left.count(), 10)));
  }
  ::close(out[0]);
  if (wait_errno != 0)
    return credentials_error(provider, "could not wait for " + words[0] + ": " + std::strerror(wait_errno));
  if (!exited) {  // over the deadline or over 1 MB
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (too_long) return credentials_error(provider, "its output is over 1 MB");
    return credentials_error(provider, words[0] + " timed out after " + std::to_string(timeout.count()) + " ms (killed)");
  }
  if (too_long) return credentials_error(provider, "its output is over 1 MB");
  return std::pair<std::string, int>(std::move(text), status);
}

}  // namespace detail

// Runs `command` (a profile's credential_process) and reads its answer; `profile` names it in errors.
// A command still running after `o.timeout` is killed (SIGKILL) and reaped, and that is an error.
inline result<aws_credentials> process_credentials(const std::string& command, const std::string& profile,
                                                   credential_process_options o = {}) {
  const std::string provider = "credential_process for profile " + profile;
  const auto words = detail::split_command(command);
  if (!words || words->empty()) return detail::credentials_error(provider, "the command is empty or a quote is not closed");
  auto ran = detail::run_for_output(*words, provider, o.timeout);
  if (!ran) return std::move(ran).error();
  const auto& [output, exit_status] = *ran;
  if (!WIFEXITED(exit_status)) return detail::credentials_error(provider, words->front() + " was killed by a signal");
  if (WEXITSTATUS(exit_status) != 0)
    return detail::credentials_error(provider, words->front() + " exited with status " + std::to_string(WEXITSTATUS(exit_status)));
  auto fields = detail::json_fields(output);
  if (!fields) return detail::credentials_error(provider, "its output: " + fields.error().message);
  const auto version = fields->numbers.find("Version");
  if (version == fields->numbers.end() || version->second != 1)
    return detail::credentials_error(provider, "its output has no \"Version\": 1");
  aws_credentials c{fields->text("AccessKeyId"), fields->text("SecretAccessKey"), fields->text("SessionToken"), std::nullopt};
  if (const std::string expiry = fields->text("Expiration"); !expiry.empty()) {
    c.expiration = detail::parse_iso8601(expiry);
    if (!c.expiration) return detail::credentials_error(provider, "its \"Expiration\" is not an ISO-8601 time");
  }
  return detail::checked(std::move(c), provider);
}

}  // namespace ddbx
