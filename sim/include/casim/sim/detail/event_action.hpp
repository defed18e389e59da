// EventAction, the move-only callable a kernel event runs, with small-buffer storage: an internal
// of Kernel (casim/sim/kernel.hpp names it casim::sim::EventAction).
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <new>
#include <type_traits>
#include <utility>

namespace casim::sim::detail {

template <typename T>
inline constexpr bool kIsStdFunction = false;
template <typename R, typename... A>
inline constexpr bool kIsStdFunction<std::function<R(A...)>> = true;

// What an event does when it fires: a move-only callable taking no arguments. Callables of up to
// kInlineSize bytes (8-byte aligned at most) that move without throwing live inline; larger ones
// are allocated. Moving a trivially copyable callable copies its bytes and nothing else.
class EventAction {
 public:
  static constexpr std::size_t kInlineSize = 48;

  EventAction() noexcept = default;

  // From any callable; an empty std::function or a null function pointer gives an empty action.
  template <typename F>
    requires(!std::same_as<std::remove_cvref_t<F>, EventAction> && std::invocable<std::decay_t<F>&>)
  EventAction(F&& callable) {  // implicit, so that lambdas can be passed where an action is expected
    emplace(std::forward<F>(callable));
  }

  EventAction(EventAction&& other) noexcept { take(other); }
  EventAction& operator=(EventAction&& other) noexcept {
    if (this != &other) {
      reset();
      take(other);
    }
    return *this;
  }
  EventAction(const EventAction&) = delete;
  EventAction& operator=(const EventAction&) = delete;
  ~EventAction() { reset(); }

  explicit operator bool() const noexcept { return ops_ != nullptr; }
  // Runs the callable; the action must not be empty.
  void operator()() { ops_->invoke(storage_); }
  // Destroys the callable, leaving the action empty.
  void reset() noexcept {
    if (ops_ != nullptr && ops_->destroy != nullptr) ops_->destroy(storage_);
    ops_ = nullptr;
  }

  // Replaces the callable with one made from `callable`, in place (empty if `callable` is an
  // empty std::function or a null pointer). If making it throws, the action is left empty.
  template <typename F>
    requires(!std::same_as<std::remove_cvref_t<F>, EventAction> && std::invocable<std::decay_t<F>&>)
  void emplace(F&& callable) {
    using C = std::decay_t<F>;
    reset();
    if constexpr (std::is_pointer_v<C> || kIsStdFunction<C>) {
      if (!callable) return;
    }
    if constexpr (kInline<C>) {
      ::new (static_cast<void*>(storage_)) C(std::forward<F>(callable));
    } else {
      ::new (static_cast<void*>(storage_)) C*(new C(std::forward<F>(callable)));
    }
    ops_ = &kOps<C>;
  }

 private:
  struct Ops {
    void (*invoke)(std::byte* storage);
    void (*relocate)(std::byte* to, std::byte* from) noexcept;  // null: copying the bytes will do
    void (*destroy)(std::byte* storage) noexcept;               // null: nothing to destroy
  };

  template <typename C>
  static constexpr bool kInline = sizeof(C) <= kInlineSize && alignof(C) <= alignof(std::uint64_t) &&
                                  std::is_nothrow_move_constructible_v<C>;

  template <typename C>
  static C& object(std::byte* storage) {
    if constexpr (kInline<C>) {
      return *std::launder(reinterpret_cast<C*>(storage));
    } else {
      return **std::launder(reinterpret_cast<C**>(storage));
    }
  }

  template <typename C>
  static constexpr Ops make_ops() {
    Ops ops{[](std::byte* storage) { std::invoke(object<C>(storage)); }, nullptr, nullptr};
    if constexpr (!kInline<C>) {
      ops.destroy = [](std::byte* storage) noexcept { delete &object<C>(storage); };
    } else if constexpr (!std::is_trivially_copyable_v<C>) {
      ops.relocate = [](std::byte* to, std::byte* from) noexcept {
        C& source = object<C>(from);
        ::new (static_cast<void*>(to)) C(std::move(source));
        source.~C();
      };
      ops.destroy = [](std::byte* storage) noexcept { object<C>(storage).~C(); };
    }
    return ops;
  }

  template <typename C>
  static constexpr Ops kOps = make_ops<C>();

  void take(EventAction& other) noexcept {
    ops_ = other.ops_;
    if (ops_ == nullptr) return;
    if (ops_->relocate != nullptr) {
      ops_->relocate(storage_, other.storage_);
    } else {
      std::memcpy(storage_, other.storage_, kInlineSize);
    }
    other.ops_ = nullptr;
  }

  alignas(std::uint64_t) std::byte storage_[kInlineSize];
  const Ops* ops_ = nullptr;
};

}  // namespace casim::sim::detail
