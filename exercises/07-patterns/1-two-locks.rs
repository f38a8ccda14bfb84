//! Exercise 07-1: two locks, one order (lesson 07, part 7).
//!
//! `transfer` moves money between two accounts, holding both locks so that nobody ever
//! sees the money in neither account, or in both. Two transfers in opposite directions,
//! at the same time, can each take one lock and wait forever for the other: a deadlock.
//! Fix `transfer` so that this cannot happen, and still hold both locks while it moves
//! the money. Everyone else at this bank (such as the auditor, who adds up the balances)
//! locks the account with the smaller `id` first: do the same.
//!
//! The check runs a transfer each way and the auditor, under loom, in every order with
//! at most three preemptions: one order that deadlocks, or shows the auditor a wrong
//! total, or ends with the wrong balances, fails it. (In its messages, threads #1 and #2
//! are the transfers there and back, and the check's main thread is the auditor.)

use exercises::sync::Mutex;

pub struct Account {
    pub id: u32,
    pub balance: Mutex<i64>,
}

pub fn transfer(from: &Account, to: &Account, amount: i64) {
    // TODO: every thread must take the two locks in the same order, whichever way the
    // money goes: the account with the smaller `id` first.
    let mut from_balance = from.balance.lock().expect("no thread panics holding a balance");
    let mut to_balance = to.balance.lock().expect("no thread panics holding a balance");
    *from_balance -= amount;
    *to_balance += amount;
}
