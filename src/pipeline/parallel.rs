//! Making documents on worker threads, one per core.

/// Runs `make` over every job on worker threads, one per core (`RAYON_NUM_THREADS` to say
/// otherwise). Results come back in job order.
///
/// Plain threads, not a rayon pool: Typst lays out pages with rayon, and a rayon worker that
/// waits for Typst's pages may steal another whole document and nest it on its own stack, so
/// a large batch overflowed the stack. Workers outside the pool only ever wait, never steal.
pub(super) fn in_parallel<T: Sync, R: Send>(items: &[T], make: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = rayon::current_num_threads().clamp(1, items.len().max(1));
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                std::thread::Builder::new()
                    // Typst recurses deeply on nested layouts.
                    .stack_size(32 * 1024 * 1024)
                    .spawn_scoped(scope, || {
                        let mut done = Vec::new();
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(item) = items.get(i) else { break };
                            done.push((i, make(item)));
                        }
                        done
                    })
                    .expect("a worker thread can be started")
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a build worker does not panic"))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_done_in_parallel_comes_back_in_order() {
        let items: Vec<u32> = (0..1000).collect();
        let out = in_parallel(&items, |n| n * 2);
        assert_eq!(out, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        assert!(in_parallel(&Vec::<u32>::new(), |n| *n).is_empty());
    }

    /// The outer workers are not rayon threads, so work that Typst hands to rayon (pages) can
    /// never make a worker pick up another whole document on top of its own stack.
    #[test]
    fn build_workers_are_outside_the_rayon_pool() {
        let items = [(); 4];
        let inside = in_parallel(&items, |_| rayon::current_thread_index());
        assert!(inside.iter().all(Option::is_none), "{inside:?}");
    }
}
