"""Live training: two tiny models from the seed articles, trained in small steps that yield."""

import itertools
import time

import streamlit as st

from explainer import seeds, train
from explainer.config import LIMITS
from explainer.export import Download
from explainer.figures import loss_figure, sine_figure
from ui import cache, stateful
from ui.frame import current

# The demos build their own models: the sidebar's module settings would only mislead here.
fr = current()
st.title(fr.t("tr.title"))
st.markdown(fr.t("tr.purpose"))
values, lang, ss = fr.values, fr.lang, st.session_state
c1, c2, c3, c4 = st.columns([2, 3, 1, 1])
c1.radio(fr.t("tr.demo"), train.DEMOS, format_func=lambda d: fr.t(f"tr.demo.{d}"), **fr.bind("demo"))
if values["demo"] == "char":
    c2.text_input(fr.t("hs.text"), max_chars=64, **fr.bind("text"))
# Not bounded here: train.check_steps and train.check_k say what is allowed, in the page's language.
if values["demo"] == "stateful":
    typed_k = c3.number_input(
        fr.t("st.k"),
        step=1,
        help=fr.t("st.k_help", lo=train.K_RANGE[0], hi=train.K_RANGE[1]),
        **fr.bind("tbptt_k", train.DEFAULT_K),
    )
else:
    typed_steps = c3.number_input(
        fr.t("tr.steps"),
        step=10,
        help=fr.t("tr.steps_help", lo=train.MIN_STEPS, hi=train.MAX_STEPS),
        **fr.bind("train_steps", train.MAX_STEPS),
    )
c4.number_input(fr.t("side.seed"), min_value=0, max_value=LIMITS["seed"][1], step=1, **fr.bind("seed"))
fr.guard()
demo = values["demo"]
if demo == "stateful":  # the sine LSTM read chunk by chunk: its own section (ui/stateful.py)
    with fr.safe():
        stateful.section(fr, train.check_k(typed_k), values["seed"])
    st.stop()


def begin(demo: str, seed: int, text: str, device: str, steps: int) -> None:
    """One run per session: a new run replaces the old one."""
    try:
        ss["train_run"] = train.start(demo, seed, text, device, steps)
    except ValueError as err:  # validated before the button was drawn; never a traceback
        ss["train_refused"] = err


def stop() -> None:
    if "train_run" in ss:
        ss["train_run"].stopped = True


with fr.safe():
    if (refused := ss.pop("train_refused", None)) is not None:
        raise refused
    steps = train.check_steps(typed_steps)
    if demo == "char":
        train.check_train_text(values["text"])  # refused with the rule: nothing to start until fixed
        vocab = len(set(values["text"]))
        st.caption(fr.t("tr.model_char", vocab=vocab, hidden=train.HIDDEN, L=len(values["text"]) - 1))
        if box := fr.opened(fr.t("seed.char.title"), "tr_article"):  # the article's model against torch's
            by_hand = cache.char_rnn_report(values["text"], values["seed"])
            intro, note = seeds.char_notes(by_hand, lang)
            with box:
                st.markdown(intro)
                st.code(seeds.seed_rnn_source(), language="python")
                st.table(seeds.char_rnn_rows(by_hand, lang), hide_index=True)
                st.caption(note)
    else:
        st.caption(fr.t("tr.model_sine", hidden=train.HIDDEN))
    b1, b2, _ = st.columns([1, 1, 4])
    b1.button(
        fr.t("tr.start"),
        on_click=begin,
        args=(demo, values["seed"], values["text"], str(fr.device), steps),
        type="primary",
        key="train_start",
    )
    b2.button(fr.t("tr.stop"), on_click=stop, key="train_stop")
    run = ss.get("train_run")
    if run is not None and (run.task != demo or (demo == "char" and run.text != values["text"])):
        run = None  # the settings changed since that run
    if run is None:
        st.info(fr.t("tr.idle"))
        source = train.script(demo, values["seed"], values["text"], steps)
        fr.exports(script=Download(fr.t("exp.train_script"), source, f"train_{demo}.py", "text/x-python"))
        st.stop()
    bar, curve, result = st.empty(), st.empty(), st.container()
    frames = itertools.count()  # each redraw of the curve is a new element: it needs its own key

    def draw() -> None:
        loss = f"{run.losses[-1]:.4f}" if run.losses else "—"
        bar.progress(
            min(run.step / run.steps, 1.0),
            text=fr.t(
                "tr.progress",
                step=run.step,
                total=run.steps,
                loss=loss,
                seconds=f"{run.seconds:.1f}",
                device=str(run.device).upper(),
            ),
        )
        fr.chart(loss_figure(run.losses, lang), f"loss_{next(frames)}", "loss_curve", container=curve)

    while not run.done:  # small slices; a click on Stop reruns the page and ends this loop
        train.train_chunk(run, seconds=0.15)
        draw()
        time.sleep(0.02)  # let other sessions' reruns in
    draw()
    with result:
        if run.stopped:
            st.warning(fr.t("tr.stopped", step=run.step))
        elif run.losses:
            st.success(fr.t("tr.done", first=f"{run.losses[0]:.4f}", last=f"{run.losses[-1]:.6f}"))
        pred = train.prediction(run)
        if demo == "char":
            # The text is the student's: shown in code blocks, as typed, never as Markdown or HTML.
            st.markdown(fr.t("tr.next", acc=pred["accuracy"]))
            p1, p2 = st.columns(2)
            p1.caption(fr.t("tr.next_predicted"))
            p1.code(pred["next"], language=None)
            p2.caption(fr.t("tr.next_true"))
            p2.code(pred["truth"], language=None)
            st.markdown(fr.t("tr.generated"))
            st.code(pred["generated"], language=None)
        else:
            fr.chart(sine_figure(pred, lang), "sine", "sine_prediction")
            st.caption(fr.t("tr.mse", mse=f"{pred['mse']:.2e}"))
        fr.exports(
            script=Download(
                fr.t("exp.train_script"),
                train.script(run.task, run.seed, run.text, run.steps),
                f"train_{run.task}.py",
                "text/x-python",
            ),
            files=[
                Download(fr.t("exp.losses_csv"), train.losses_csv(run), f"losses_{run.task}.csv", "text/csv")
            ],
        )
