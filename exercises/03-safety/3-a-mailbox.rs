//! Exercise 03-3: a mailbox with a `Condvar` (lesson 03, part 6).
//!
//! Producers `put` items, consumers `take` them, waiting while the mailbox is empty.
//! This mailbox has two bugs, one in each method. Find and fix both.
//!
//! The check runs one producer putting two items and two consumers taking one each,
//! under loom, in every order with at most three preemptions: one order where a
//! consumer waits forever, or takes from an empty mailbox, fails it. (In its messages,
//! threads #1 and #2 are the consumers and the check's main thread is the producer.)

use exercises::sync::{Condvar, Mutex};
use std::collections::VecDeque;

pub struct Mailbox {
    items: Mutex<VecDeque<u32>>,
    arrived: Condvar,
}

impl Mailbox {
    pub fn new() -> Self {
        Mailbox { items: Mutex::new(VecDeque::new()), arrived: Condvar::new() }
    }

    pub fn put(&self, item: u32) {
        // TODO: is a waiting consumer woken at the right moment?
        self.arrived.notify_one();
        self.items.lock().expect("never poisoned").push_back(item);
    }

    pub fn take(&self) -> u32 {
        let mut items = self.items.lock().expect("never poisoned");
        // TODO: what if another consumer took the item between the wake-up and now?
        if items.is_empty() {
            items = self.arrived.wait(items).expect("never poisoned");
        }
        items.pop_front().expect("an item is there")
    }
}
