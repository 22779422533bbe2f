//! Work on a list worked out on the pool ahead of a serial consumer that takes the results in
//! order. The consumer does its own serial work between takes (building an operation, telling
//! what was found in order), and when a result is not ready yet it works out the next input not
//! yet taken itself instead of waiting, so both threads stay busy and nothing is told out of
//! order.

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

/// The inputs, their results as they are worked out, and who is working on which.
pub(crate) struct Ahead<T, R, W> {
    inputs: Vec<Mutex<Option<T>>>,
    results: Vec<Mutex<Option<std::thread::Result<R>>>>,
    /// The first input nobody has taken yet: each is worked out once, in order of taking.
    next: AtomicUsize,
    /// Signalled each time a result is stored.
    stored: Condvar,
    lock: Mutex<()>,
    work: W,
}

impl<T: Send, R: Send, W: Fn(T) -> R + Sync> Ahead<T, R, W> {
    /// Works out every input on the pool while `consume` runs on this thread with the means to
    /// take each result ([`Ahead::take`]). Returns what `consume` returns.
    pub(crate) fn run<C: Send>(
        inputs: Vec<T>,
        work: W,
        consume: impl FnOnce(&Self) -> C + Send,
    ) -> C {
        let n = inputs.len();
        let ahead = Ahead {
            inputs: inputs.into_iter().map(|t| Mutex::new(Some(t))).collect(),
            results: (0..n).map(|_| Mutex::new(None)).collect(),
            next: AtomicUsize::new(0),
            stored: Condvar::new(),
            lock: Mutex::new(()),
            work,
        };
        let ahead = &ahead;
        rayon::scope(|s| {
            if rayon::current_num_threads() > 1 {
                s.spawn(move |_| while ahead.work_one() {});
            }
            consume(ahead)
        })
    }

    /// Works out the next input nobody has taken; false when there is none left.
    fn work_one(&self) -> bool {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        let Some(slot) = self.inputs.get(i) else {
            return false;
        };
        let input = lock(slot).take().expect("each input is taken once");
        // A panic is handed to the consumer, which would otherwise wait for the result forever.
        let result = catch_unwind(AssertUnwindSafe(|| (self.work)(input)));
        *lock(&self.results[i]) = Some(result);
        let _held = lock(&self.lock);
        self.stored.notify_all();
        true
    }

    /// The result of input `i`, worked out here if nobody has taken it yet. Each result can be
    /// taken once (a second take would wait for ever).
    pub(crate) fn take(&self, i: usize) -> R {
        loop {
            if let Some(r) = lock(&self.results[i]).take() {
                return r.unwrap_or_else(|panic| resume_unwind(panic));
            }
            if self.work_one() {
                continue;
            }
            // Every input is taken: `i` is being worked out on another thread. The result is
            // stored before the signal is sent under `lock`, so looking under it misses none.
            let held = lock(&self.lock);
            if lock(&self.results[i]).is_none() {
                drop(self.stored.wait(held));
            }
        }
    }
}

/// The mutex's content; a panic while it was held has already been handed on.
fn lock<X>(m: &Mutex<X>) -> std::sync::MutexGuard<'_, X> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_with_serial_work_between() {
        let inputs: Vec<u64> = (0..500).collect();
        let mut told = Vec::new();
        let total = Ahead::run(
            inputs,
            |x| {
                // Uneven work, so that results are stored out of order.
                std::hint::black_box((0..(x % 7) * 2000).sum::<u64>());
                x * x
            },
            |ahead| {
                let mut sum = 0;
                for i in 0..500 {
                    told.push(format!("head {i}"));
                    let r = ahead.take(i);
                    told.push(format!("result {r}"));
                    sum += r;
                }
                sum
            },
        );
        assert_eq!(total, (0..500u64).map(|x| x * x).sum::<u64>());
        let expected: Vec<String> = (0..500u64)
            .flat_map(|i| [format!("head {i}"), format!("result {}", i * i)])
            .collect();
        assert_eq!(told, expected);
    }

    #[test]
    fn one_thread_works_everything_out_itself() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let got = pool.install(|| {
            Ahead::run(vec!["a", "bb", "ccc"], str::len, |ahead| {
                (0..3).map(|i| ahead.take(i)).collect::<Vec<_>>()
            })
        });
        assert_eq!(got, vec![1, 2, 3]);
    }

    #[test]
    fn a_panic_in_the_work_reaches_the_consumer() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let caught = catch_unwind(AssertUnwindSafe(|| {
            pool.install(|| {
                Ahead::run(
                    (0..50).collect::<Vec<u32>>(),
                    |x| {
                        assert!(x != 30, "input 30");
                        x
                    },
                    |ahead| (0..50).map(|i| ahead.take(i)).sum::<u32>(),
                )
            })
        }));
        assert!(caught.is_err());
    }
}
