"""Live training: two tiny models from the seed articles, trained in small steps that yield."""

import itertools
import time

import streamlit as st

from explainer import train
from explainer.figures import loss_figure, sine_figure
from ui.frame import frame

fr = frame("tr.title")
st.title(fr.t("tr.title"))
st.markdown(fr.t("tr.purpose"))
values, lang, ss = fr.values, fr.lang, st.session_state
c1, c2 = st.columns([2, 3])
c1.radio(fr.t("tr.demo"), train.TASKS, format_func=lambda d: fr.t(f"tr.demo.{d}"), **fr.bind("demo"))
if values["demo"] == "char":
    c2.text_input(fr.t("hs.text"), max_chars=64, **fr.bind("text"))
fr.guard()
demo = values["demo"]


def begin() -> None:
    """One run per session: a new run replaces the old one."""
    ss["train_run"] = train.start(demo, values["seed"], values["text"], str(fr.device))


def stop() -> None:
    if "train_run" in ss:
        ss["train_run"].stopped = True


def clean(text: str) -> str:
    return text.replace("`", "'")


with fr.safe():
    if demo == "char":
        vocab = len(set(values["text"]))
        st.caption(fr.t("tr.model_char", vocab=vocab, hidden=train.HIDDEN, L=len(values["text"]) - 1))
    else:
        st.caption(fr.t("tr.model_sine", hidden=train.HIDDEN))
    b1, b2, _ = st.columns([1, 1, 4])
    b1.button(fr.t("tr.start"), on_click=begin, type="primary", key="train_start")
    b2.button(fr.t("tr.stop"), on_click=stop, key="train_stop")
    run = ss.get("train_run")
    if run is not None and (run.task != demo or (demo == "char" and run.text != values["text"])):
        run = None  # the settings changed since that run
    if run is None:
        st.info(fr.t("tr.idle"))
        st.stop()
    bar, curve, result = st.empty(), st.empty(), st.container()
    frames = itertools.count()  # each redraw of the curve is a new element: it needs its own key

    def draw() -> None:
        loss = f"{run.losses[-1]:.4f}" if run.losses else "—"
        bar.progress(
            run.step / train.MAX_STEPS,
            text=fr.t(
                "tr.progress",
                step=run.step,
                total=train.MAX_STEPS,
                loss=loss,
                seconds=f"{run.seconds:.1f}",
                device=str(run.device).upper(),
            ),
        )
        curve.plotly_chart(loss_figure(run.losses, lang), key=f"loss_{next(frames)}")

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
            st.markdown(
                fr.t("tr.next", next=clean(pred["next"]), truth=clean(pred["truth"]), acc=pred["accuracy"])
            )
            st.markdown(fr.t("tr.generated", first=clean(run.text[0]), text=clean(pred["generated"])))
        else:
            fr.chart(sine_figure(pred, lang), "sine", "sine_prediction")
            st.caption(fr.t("tr.mse", mse=f"{pred['mse']:.2e}"))
