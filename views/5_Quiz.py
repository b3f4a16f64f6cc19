"""Predict the shape: a seeded question set a teacher can hand out as one link."""

import streamlit as st

from explainer import config, progress, quiz
from explainer.export import Download
from ui.frame import current
from ui.render import md_text

fr = current()  # the questions bring their own modules
st.title(fr.t("quiz.title"))
st.markdown(fr.t("quiz.purpose"))
values, lang = fr.values, fr.lang
c1, c2 = st.columns([3, 1])
c1.radio(
    fr.t("quiz.level"),
    quiz.LEVELS,
    horizontal=True,
    format_func=lambda lv: fr.t(f"quiz.level.{lv}"),
    **fr.bind("level"),
)
c2.number_input(
    fr.t("quiz.seed"), min_value=0, max_value=config.LIMITS["seed"][1], step=1, **fr.bind("quiz_seed")
)
fr.guard()
ss = st.session_state
scores = ss.setdefault("quiz_scores", {})
seed, level = values["quiz_seed"], values["level"]
if fr.link and progress.KEY in fr.link:  # a reload: the link kept what this session had answered
    for qid, right in progress.decode(fr.link[progress.KEY], seed, level, quiz.QUESTIONS_PER_SET).items():
        scores.setdefault(qid, right)

with fr.safe():
    seed, level, index = values["quiz_seed"], values["level"], values["question"]
    q = quiz.make_question(seed, level, index)
    st.subheader(fr.t("quiz.q", n=index + 1, total=quiz.QUESTIONS_PER_SET))
    st.caption(fr.t("quiz.given"))
    st.code("import torch\nfrom torch import nn\n\n" + quiz.prompt(q), language="python")
    st.markdown(f"**{quiz.ask(q, lang)}**")
    key = f"quiz_answer_{seed}_{level}_{index}"
    qid = (seed, level, index)
    with st.form(key=f"form_{key}"):
        text = st.text_input(fr.t("quiz.answer"), key=key, max_chars=80)
        submitted = st.form_submit_button(fr.t("quiz.check"), type="primary")
    first = fr.t("quiz.first.right" if scores.get(qid) else "quiz.first.wrong")
    if qid in scores and not submitted and not text:
        st.caption(fr.t("quiz.scored", first=first))
    if submitted or qid in scores:
        given = quiz.parse_answer(text, q.kind)
        if given is None and submitted:
            st.info(fr.t(quiz.hint_key(q)))
        elif given is not None:
            right = given == q.answer
            if submitted and not quiz.record(scores, qid, right):  # a retry: practice
                st.info(fr.t("quiz.practice", first=first))
            answer = quiz.show_answer(q, lang)
            (st.success if right else st.error)(
                fr.t("quiz.correct" if right else "quiz.wrong", answer=answer)
            )
            st.markdown(f"**{fr.t('quiz.rule')}** — {md_text(quiz.rule(q, lang))}")
            st.page_link(
                fr.page("views/1_Shapes.py"),
                label=fr.t("quiz.explore"),
                icon=":material/search:",
                query_params=fr.link_with(quiz.question_settings(q)),
            )
    done = [v for (s, lv, _), v in scores.items() if s == seed and lv == level]
    answered = progress.encode(scores, seed, level, quiz.QUESTIONS_PER_SET)
    if answered:
        fr.keep_in_link(progress.KEY, answered)
    st.caption(fr.t("quiz.score", right=sum(done), answered=len(done)))

    def move(step: int) -> None:
        ss["_values"]["question"] = min(max(values["question"] + step, 0), quiz.QUESTIONS_PER_SET - 1)

    p, n = st.columns(2)
    p.button(fr.t("quiz.prev"), on_click=move, args=(-1,), disabled=index == 0, key="quiz_prev")
    n.button(
        fr.t("quiz.next"),
        on_click=move,
        args=(1,),
        disabled=index == quiz.QUESTIONS_PER_SET - 1,
        key="quiz_next",
    )
    script = quiz.check_script(q)
    fr.exports(
        script=Download(
            fr.t("exp.quiz_script"), script, f"quiz_{seed}_{level}_{index + 1}.py", "text/x-python"
        )
    )
