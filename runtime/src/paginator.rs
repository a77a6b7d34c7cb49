//! Paging through results: a [`Paginator`] is a stream of pages, [`Items`] a stream of the
//! items in them. Generated fluent builders of paginated operations return them from
//! `into_paginator()`.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use crate::error::Error;

/// One page request in flight.
type PageFuture<O, E> = Pin<Box<dyn Future<Output = Result<O, Error<E>>> + Send>>;

/// Sends one page request; `None` means "the first page, as the caller configured it".
type Fetch<O, E> = Box<dyn FnMut(Option<String>) -> PageFuture<O, E> + Send>;

enum State<O, E> {
    Start,
    Fetching(PageFuture<O, E>),
    Next(String),
    Done,
}

/// A stream of pages (`Result<Output, Error<E>>`), ending after the page without a next token
/// or after the first error. Use it as a [`Stream`], or call [`next`](Self::next).
pub struct Paginator<O, E> {
    fetch: Fetch<O, E>,
    next_token: fn(&O) -> Option<String>,
    previous_token: Option<String>,
    state: State<O, E>,
}

impl<O, E> fmt::Debug for Paginator<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginator")
            .field("previous_token", &self.previous_token.as_ref().map(|_| "…"))
            .finish_non_exhaustive()
    }
}

impl<O: Send + 'static, E: Send + 'static> Paginator<O, E> {
    /// A paginator calling `fetch` per page and reading the next token with `next_token`.
    #[doc(hidden)]
    pub fn new(
        fetch: impl FnMut(Option<String>) -> PageFuture<O, E> + Send + 'static,
        next_token: fn(&O) -> Option<String>,
    ) -> Self {
        Self {
            fetch: Box::new(fetch),
            next_token,
            previous_token: None,
            state: State::Start,
        }
    }

    /// The next page, or `None` after the last one.
    pub async fn next(&mut self) -> Option<Result<O, Error<E>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The items of every page, one at a time; `items` takes them out of a page.
    #[doc(hidden)]
    pub fn items<I>(self, items: fn(O) -> Vec<I>) -> Items<O, E, I> {
        Items {
            pages: self,
            items,
            buffer: VecDeque::new(),
        }
    }
}

impl<O, E> Unpin for Paginator<O, E> {}

impl<O, E> Stream for Paginator<O, E> {
    type Item = Result<O, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            match std::mem::replace(&mut this.state, State::Done) {
                State::Start => this.state = State::Fetching((this.fetch)(None)),
                State::Next(token) => {
                    this.state = State::Fetching((this.fetch)(Some(token.clone())));
                    this.previous_token = Some(token);
                }
                State::Done => return Poll::Ready(None),
                State::Fetching(mut future) => match future.as_mut().poll(cx) {
                    Poll::Pending => {
                        this.state = State::Fetching(future);
                        return Poll::Pending;
                    }
                    Poll::Ready(Err(error)) => return Poll::Ready(Some(Err(error))),
                    Poll::Ready(Ok(page)) => {
                        // Stop on a missing or empty token, and on a repeated one (a service
                        // bug that would otherwise loop forever).
                        this.state = match (this.next_token)(&page) {
                            Some(token)
                                if !token.is_empty()
                                    && this.previous_token.as_ref() != Some(&token) =>
                            {
                                State::Next(token)
                            }
                            _ => State::Done,
                        };
                        return Poll::Ready(Some(Ok(page)));
                    }
                },
            }
        }
    }
}

/// A stream of the items of every page, in order (`Result<Item, Error<E>>`).
pub struct Items<O, E, I> {
    pages: Paginator<O, E>,
    items: fn(O) -> Vec<I>,
    buffer: VecDeque<I>,
}

impl<O, E, I> fmt::Debug for Items<O, E, I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("buffered", &self.buffer.len())
            .finish_non_exhaustive()
    }
}

impl<O, E, I> Items<O, E, I> {
    /// The next item, or `None` after the last one.
    pub async fn next(&mut self) -> Option<Result<I, Error<E>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<O, E, I> Unpin for Items<O, E, I> {}

impl<O, E, I> Stream for Items<O, E, I> {
    type Item = Result<I, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Ready(Some(Ok(page))) => this.buffer.extend((this.items)(page)),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Unhandled;
    use std::sync::{Arc, Mutex};

    /// Pages `[1, 2]`, `[3]` and `[]`, linked by tokens "a" and "b"; records the tokens sent.
    fn pages(
        calls: Arc<Mutex<Vec<Option<String>>>>,
    ) -> Paginator<(Vec<i32>, Option<String>), Unhandled> {
        Paginator::new(
            move |token| {
                calls.lock().unwrap().push(token.clone());
                let page = match token.as_deref() {
                    None => (vec![1, 2], Some("a".to_owned())),
                    Some("a") => (vec![3], Some("b".to_owned())),
                    _ => (vec![], None),
                };
                Box::pin(async move { Ok(page) })
            },
            |page| page.1.clone(),
        )
    }

    #[tokio::test]
    async fn pages_follow_tokens_until_none() {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let mut paginator = pages(calls.clone());
        let mut count = 0;
        while let Some(page) = paginator.next().await {
            page.unwrap();
            count += 1;
        }
        assert_eq!(count, 3);
        assert_eq!(
            *calls.lock().unwrap(),
            [None, Some("a".into()), Some("b".into())]
        );
    }

    #[tokio::test]
    async fn items_flatten_pages() {
        let mut items = pages(Arc::default()).items(|page| page.0);
        let mut all = Vec::new();
        while let Some(item) = items.next().await {
            all.push(item.unwrap());
        }
        assert_eq!(all, [1, 2, 3]);
    }

    #[tokio::test]
    async fn a_repeated_token_ends_the_stream() {
        let mut paginator: Paginator<Option<String>, Unhandled> = Paginator::new(
            |_| Box::pin(async { Ok(Some("same".to_owned())) }),
            Clone::clone,
        );
        assert!(paginator.next().await.is_some());
        assert!(paginator.next().await.is_some());
        assert!(paginator.next().await.is_none());
    }
}
