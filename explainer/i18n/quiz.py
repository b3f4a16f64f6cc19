"""The quiz. English and Chinese side by side (explainer.i18n merges every catalogue)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "quiz.title": ("Predict the shape", "猜形状"),
    "quiz.purpose": (
        "Ten questions from random modules. Type a shape the way you like: (2, 5, 20), 2,5,20 or "
        "[2 5 20]. Share the link and the whole class gets the same questions.",
        "从随机模块出的十道题。形状随便怎么写都行：(2, 5, 20)、2,5,20 或 [2 5 20]。分享链接，全班拿到同样的题目。",
    ),
    "quiz.level": ("Level", "难度"),
    "quiz.level.1": ("1 · one layer", "1 · 单层"),
    "quiz.level.2": ("2 · stacks, both directions", "2 · 多层与双向"),
    "quiz.level.3": ("3 · proj_size and unbatched", "3 · proj_size 与不带批量维的输入"),
    "quiz.seed": ("Question set", "题目组"),
    "quiz.q": ("Question {n} of {total}", "第 {n} 题（共 {total} 题）"),
    "quiz.given": ("Given", "已知"),
    "quiz.ask.output": ("What is the shape of `output`?", "`output` 的形状是什么？"),
    "quiz.ask.h_n": ("What is the shape of `h_n`?", "`h_n` 的形状是什么？"),
    "quiz.ask.c_n": ("What is the shape of `c_n`?", "`c_n` 的形状是什么？"),
    "quiz.ask.parameter": ("What is the shape of `{name}`?", "`{name}` 的形状是什么？"),
    "quiz.ask.count": ("How many parameters does the module have?", "该模块一共有多少个参数？"),
    "quiz.ask.raises": ("Will this call raise an error? (yes / no)", "这次调用会报错吗？（会 / 不会）"),
    "quiz.answer": ("Your answer", "你的答案"),
    "quiz.check": ("Check", "检查"),
    "quiz.correct": ("Right: {answer}.", "答对了：{answer}。"),
    "quiz.wrong": ("Not quite. The answer is {answer}.", "不太对。答案是 {answer}。"),
    "quiz.hint.shape": (
        "Write a shape, e.g. (2, 5, 20), 2,5,20 or [2 5 20].",
        "请写一个形状，例如 (2, 5, 20)、2,5,20 或 [2 5 20]。",
    ),
    "quiz.hint.count": ("Write a whole number, e.g. 5,920.", "请写一个整数，例如 5,920。"),
    "quiz.hint.raises": ("Answer yes or no.", "请回答“会”或“不会”。"),
    "quiz.rule": ("Why", "原因"),
    "quiz.score": (
        "Score: {right} right of {answered} answered",
        "得分：已答 {answered} 题，答对 {right} 题",
    ),
    "quiz.prev": ("← Previous", "← 上一题"),
    "quiz.next": ("Next →", "下一题 →"),
    "quiz.explore": ("Open this module in the shapes explorer", "在形状浏览器中打开这个模块"),
    "quiz.rule_count": (
        "Per layer and direction: G·H_cell·(H_in + H_out + 2) + P·H_cell, where G = {G} gate blocks, "
        "H_cell = {H_cell}, H_in is the layer's input size ({H_in} for layer 0, D·H_out above it), "
        "H_out = {H_out}, the 2 counts b_ih and b_hh (none with bias=False) and P·H_cell is weight_hr "
        "(only with proj_size = P). Times D = {D}, summed over the {num_layers} layer(s): {terms} = {count}.",
        "每层每个方向的参数个数：G·H_cell·(H_in + H_out + 2) + P·H_cell。其中 G = {G} 是门的块数，H_cell = {H_cell}，"
        "H_in 是这一层的输入大小（第 0 层为 {H_in}，往上各层为 D·H_out），H_out = {H_out}，2 对应 b_ih 和 b_hh"
        "（bias=False 时没有），P·H_cell 是 weight_hr（只在设置 proj_size = P 时才有）。再乘以 D = {D}，"
        "对 {num_layers} 层求和：{terms} = {count}。",
    ),
    "quiz.rule_raises": ("torch says: {error}.", "torch 的报错：{error}。"),
    "quiz.yes": ("yes, it raises", "会报错"),
    "quiz.first.right": ("right", "答对了"),
    "quiz.first.wrong": ("wrong", "答错了"),
    "quiz.practice": (
        "This try is practice and not scored: each question counts your first answer only, and you got it "
        "{first} the first time.",
        "这次作答是练习，不计分：每道题只按第一次作答计分，你第一次{first}。",
    ),
    "quiz.scored": (
        "Already scored: you got this one {first} the first time. Answer again to practise; the score stays.",
        "本题已计分：你第一次{first}。可以再答一次来练习，得分不会变。",
    ),
    "quiz.no": ("no, it runs", "不会报错"),
    # Glossary for zh: 第 0 维（dim 0）/ 第 1 维（dim 1）for axes; 维度 / 大小 for a tensor's size;
    # 批量大小 (batch size); 有效时间步 (valid timesteps); GRU 的 n 是候选隐藏状态.
    "quiz.ask.slice": (
        "Is `h_n[-1]` equal to `{name}`? (yes / no)",
        "`h_n[-1]` 与 `{name}` 相等吗？（是 / 否）",
    ),
    "quiz.ask.shape_of": ("What is the shape of `{name}`?", "`{name}` 的形状是什么？"),
    "quiz.ask.value": (
        "What is `{name}`? Write its numbers, e.g. (3, 2, 1).",
        "`{name}` 是什么？请写出它的数值，例如 (3, 2, 1)。",
    ),
    "quiz.hint.equal": ("Answer yes (equal) or no.", "请回答“是”（相等）或“否”。"),
    "quiz.hint.numbers": ("Write numbers, e.g. (3, 2, 1).", "请写出一组数，例如 (3, 2, 1)。"),
    "quiz.equal": ("yes, they are equal", "是，相等"),
    "quiz.not_equal": ("no, they are not equal", "否，不相等"),
    "quiz.rule_runs": ("torch runs it.", "torch 可以正常运行。"),
    "quiz.rule_unbatched": (
        "Why torch's message has a 1 in the middle: for unbatched (2-D) input, torch first adds a batch axis "
        "of size 1 to x and to the states, then checks them. So the (D·num_layers, 1, H_out) = ({S}, 1, "
        "{H_out}) it expects is h_0 = {right} in your code.",
        "为什么 torch 的报错里中间多了一个 1：对不带批量维的（2 维）输入，torch 会先给 x 和状态都补上一个大小为 1 的批量维，"
        "再做检查。所以它期望的 (D·num_layers, 1, H_out) = ({S}, 1, {H_out})，对应到你的代码里就是 h_0 = {right}。",
    ),
    "quiz.rule_unbatched_c": (
        "Why torch's message has a 1 in the middle: for unbatched (2-D) input, torch first adds a batch axis "
        "of size 1 to x and to the states, then checks them. So the (D·num_layers, 1, H_cell) = ({S}, 1, "
        "{H_cell}) it expects is c_0 = {c_right} in your code.",
        "为什么 torch 的报错里中间多了一个 1：对不带批量维的（2 维）输入，torch 会先给 x 和状态都补上一个大小为 1 的批量维，"
        "再做检查。所以它期望的 (D·num_layers, 1, H_cell) = ({S}, 1, {H_cell})，对应到你的代码里就是 c_0 = {c_right}。",
    ),
    "quiz.rule_slice": (
        "h_n[-1] is the final state of the top layer's last direction ({direction}), which it reaches at "
        "t = {t}; in output that state is {right}.",
        "h_n[-1] 是最上面一层最后一个方向（{direction}）的最终状态，这个方向在 t = {t} 结束；它在 output 中的位置是 {right}。",
    ),
    "quiz.slice.same": (
        "{name} is exactly that slice, so torch.equal gives True.",
        "{name} 正是这一片，所以 torch.equal 返回 True。",
    ),
    "quiz.slice.sample": (
        "With batch_first=True output is (N, L, D·H_out): {name} is the last sample of the batch at every "
        "timestep, not the last timestep.",
        "batch_first=True 时 output 是 (N, L, D·H_out)：{name} 取的是批量中最后一个样本在每个时间步的状态，而不是最后一个时间步。",
    ),
    "quiz.slice.width": (
        "{name} holds both directions side by side, D·H_out = {width} columns; h_n[-1] is one direction, "
        "H_out = {H_out} wide. The forward half ends at t = L-1, the reverse half at t = 0.",
        "{name} 把两个方向并排放在一起，共 D·H_out = {width} 列；h_n[-1] 只是一个方向，大小为 H_out = {H_out}。"
        "正向部分在 t = L-1 结束，反向部分在 t = 0 结束。",
    ),
    "quiz.slice.other": (
        "{name} is another state (another timestep or direction), so torch.equal gives False.",
        "{name} 是另一个状态（别的时间步或方向），所以 torch.equal 返回 False。",
    ),
    # 'raises' questions: one reason per mistake, with the question's numbers
    "quiz.why.right": (
        "h_0 {passed} has one row per layer and direction (D·num_layers = {S}), the batch size when x has "
        "a batch axis, and H_out = {H_out} columns: exactly what the module expects.",
        "h_0 {passed} 的第 0 维（dim 0）每层每个方向各一行（D·num_layers = {S}），x 带批量维时接着是批量大小，"
        "最后一维是 H_out = {H_out}：正是模块需要的形状。",
    ),
    "quiz.why.layers": (
        "h_0 has one row per layer and direction: D·num_layers = {D}·{num_layers} = {S} rows, so h_0 must be "
        "{right}, not {passed}.",
        "h_0 的第 0 维（dim 0）每层每个方向各占一行：D·num_layers = {D}·{num_layers} = {S} 行，所以 h_0 必须是 "
        "{right}，而不是 {passed}。",
    ),
    "quiz.why.state_bf": (
        "batch_first applies to x and output only; the states stay (D·num_layers, N, H_out), so h_0 must be "
        "{right}, not the batch-first {passed}.",
        "batch_first 只作用于 x 和 output；状态仍是 (D·num_layers, N, H_out)，所以 h_0 必须是 {right}，"
        "而不是把批量放在前面的 {passed}。",
    ),
    "quiz.why.state_len": (
        "The middle axis of h_0 is the batch, N = {N}, not the sequence length L = {L}: h_0 must be {right}.",
        "h_0 的第 1 维（dim 1）是批量大小 N = {N}，不是序列长度 L = {L}：h_0 必须是 {right}。",
    ),
    "quiz.why.unbatched_3d": (
        "x is unbatched (2-D), so the states are 2-D too, (D·num_layers, H_out) = {right}: no batch axis "
        "of 1 added by hand.",
        "x 不带批量维（2 维），所以状态也是 2 维的 (D·num_layers, H_out) = {right}：不要自己补一个大小为 1 的批量维。",
    ),
    "quiz.why.proj": (
        "With proj_size, h is proj_size = {P} wide (only c stays hidden_size = {H} wide): h_0 must be {right}.",
        "设置 proj_size 后，h 的最后一维大小是 proj_size = {P}（只有 c 仍是 hidden_size = {H}）：h_0 必须是 {right}。",
    ),
    "quiz.why.c_right": (
        "h_0 is {right} and c_0 is {c_right}: D·num_layers = {S} rows each, h with H_out = {H_out} columns "
        "and c with H_cell = {H_cell}, as the module expects.",
        "h_0 是 {right}，c_0 是 {c_right}：第 0 维（dim 0）都是 D·num_layers = {S}，h 的最后一维是 H_out = {H_out}，"
        "c 的最后一维是 H_cell = {H_cell}，都和模块的要求一致。",
    ),
    "quiz.why.c_missing": (
        "nn.LSTM takes the tuple (h_0, c_0). Given one tensor, torch reads h_0[0] and h_0[1] as h and c, "
        "slices along dim 0 with the wrong shapes (or no second slice). Pass (h_0, c_0) with c_0 = {c_right}.",
        "nn.LSTM 的状态要传元组 (h_0, c_0)。只传一个张量时，torch 会把 h_0[0] 和 h_0[1] 当作 h 和 c，"
        "也就是沿第 0 维（dim 0）切出来的两片，形状不对（或者根本没有第二片）。请传 (h_0, c_0)，其中 c_0 = {c_right}。",
    ),
    "quiz.why.c_proj": (
        "c is H_cell = hidden_size = {H} wide even with proj_size; only h is proj_size = {P} wide. c_0 must "
        "be {c_right}.",
        "即使设置了 proj_size，c 的大小仍是 H_cell = hidden_size = {H}；只有 h 的大小是 proj_size = {P}。c_0 必须是 {c_right}。",
    ),
    "quiz.why.c_bf": (
        "batch_first does not apply to c_0 either: it must be {c_right}.",
        "batch_first 对 c_0 同样不起作用：c_0 必须是 {c_right}。",
    ),
    "quiz.why.x_right": (
        "x is {passed}, the layout the module expects, with input_size = {H_in} features last.",
        "x 是 {passed}，正是模块期望的排列，最后一维是 input_size = {H_in} 个特征。",
    ),
    "quiz.why.x_features": (
        "The last axis of x must be input_size = {H_in}; x {passed} has hidden_size = {H} there. input_size "
        "is the size of each x_t, hidden_size the size of h.",
        "x 的最后一维必须是 input_size = {H_in}；而 x {passed} 的最后一维是 hidden_size = {H}。input_size 是每个 x_t "
        "的大小，hidden_size 是 h 的大小。",
    ),
    "quiz.why.x_swapped": (
        "That is the trap: torch checks only the feature axis. x {passed} has time and batch "
        "swapped (the module expects {right}), so it reads {passed} as if the axes were in its own order and "
        "mixes the samples across time, silently.",
        "这正是陷阱：torch 只检查特征那一维。x {passed} 把时间和批量两维弄反了（模块期望的是 {right}），"
        "torch 仍按自己的顺序读取，于是把不同样本当成了不同时间步，不会有任何报错。",
    ),
    "quiz.why.ctor_right": (
        "Every argument is one the constructor accepts, with a valid value.",
        "每个参数都是构造函数接受的，取值也都合法。",
    ),
    "quiz.why.ctor_sigmoid": (
        "nn.RNN's nonlinearity is 'tanh' or 'relu', nothing else.",
        "nn.RNN 的 nonlinearity 只能是 'tanh' 或 'relu'。",
    ),
    "quiz.why.ctor_nonlinearity": (
        "Only nn.RNN has a nonlinearity argument; nn.{mode}'s gates always use sigmoid and tanh, so torch "
        "does not know the argument.",
        "只有 nn.RNN 有 nonlinearity 参数；nn.{mode} 的门固定使用 sigmoid 和 tanh，所以 torch 不认识这个参数。",
    ),
    "quiz.why.ctor_dropout_range": (
        "dropout is the probability of zeroing an element, a number from 0 to 1.",
        "dropout 是把元素置零的概率，必须是 0 到 1 之间的数。",
    ),
    "quiz.why.ctor_dropout_one_layer": (
        "dropout acts between stacked layers, on every layer's output but the last; with num_layers = 1 "
        "there is nowhere to apply it, so torch only warns: {warning}",
        "dropout 作用在堆叠的层与层之间，即除最后一层外每层的输出上；num_layers = 1 时无处可用，所以 torch 只给出警告：{warning}",
    ),
    "quiz.why.ctor_proj": (
        "proj_size must be smaller than hidden_size = {H}: it projects h down to a smaller size.",
        "proj_size 必须小于 hidden_size = {H}：它的作用是把 h 投影到更小的维度。",
    ),
    "quiz.why.pack_sorted": (
        "The lengths {lengths} are in decreasing order, as pack_padded_sequence requires by default "
        "(enforce_sorted=True).",
        "长度 {lengths} 是从大到小排列的，符合 pack_padded_sequence 的默认要求（enforce_sorted=True）。",
    ),
    "quiz.why.pack_unsorted": (
        "The lengths {lengths} are not in decreasing order, and by default (enforce_sorted=True) torch "
        "refuses them. Sort the batch by length, or pass enforce_sorted=False: torch then sorts it itself "
        "and gives output and h_n back in your order.",
        "长度 {lengths} 不是从大到小排列的，而默认 enforce_sorted=True 时 torch 会拒绝。请按长度给批量排序，"
        "或者传 enforce_sorted=False：torch 会自己排序，并按你原来的顺序返回 output 和 h_n。",
    ),
    "quiz.why.cell_right": (
        "x[0] is one timestep, {step}: exactly what a cell takes. Without a state the cell starts from zeros.",
        "x[0] 是一个时间步，形状 {step}：正是单元（cell）需要的输入。不传状态时从全零开始。",
    ),
    "quiz.why.cell_sequence": (
        "A cell computes one step of one layer: it takes (N, input_size) = {step}, not the whole sequence "
        "x {x}. Loop over time and call the cell on x[t].",
        "单元（cell）只计算一层的一步：它接受 (N, input_size) = {step}，而不是整个序列 x {x}。请按时间循环，对 x[t] 调用单元。",
    ),
    "quiz.why.cell_time_as_batch": (
        "But silently wrong: x {x} is 2-D, so the cell reads it as a batch of {L} samples, one step "
        "each, all from the same zero state. Loop over time and call the cell on x[t].",
        "但结果悄悄出错了：x {x} 是 2 维的，单元会把它当成 {L} 个样本的一批、每个样本只走一步，全都从零状态开始。"
        "请按时间循环，对 x[t] 调用单元。",
    ),
    "quiz.why.cell_layer_axis": (
        "A cell's state has no layer axis: h must be {state}, not (1, …) like nn.{mode}'s h_0.",
        "单元的状态没有层这一维：h 必须是 {state}，不能像 nn.{mode} 的 h_0 那样写成 (1, …)。",
    ),
    "quiz.why.emb_right": (
        "emb(ids) is {ids} plus a last axis of embedding_dim = {E}, and the module reads input_size = {E}.",
        "emb(ids) 的形状是 {ids} 再加上最后一维 embedding_dim = {E}，而模块的 input_size = {E}，正好对上。",
    ),
    "quiz.why.emb_vocab": (
        "input_size is the size of each vector x_t: here embedding_dim = {E}, not the vocabulary size {V}. "
        "input_size = vocabulary size is for one-hot input.",
        "input_size 是每个向量 x_t 的大小：这里是 embedding_dim = {E}，而不是词表大小 {V}。"
        "只有输入是 one-hot 向量时，input_size 才等于词表大小。",
    ),
    "quiz.why.onehot_right": (
        "A one-hot vector has one entry per token, num_classes = {V}, and the module reads input_size = {V}.",
        "one-hot 向量每个词占一维，共 num_classes = {V} 维，而模块的 input_size = {V}，正好对上。",
    ),
    "quiz.why.onehot_vocab": (
        "One-hot vectors have num_classes = {V} entries, so input_size must be the vocabulary size {V}, "
        "not {E}.",
        "one-hot 向量有 num_classes = {V} 维，所以 input_size 必须等于词表大小 {V}，而不是 {E}。",
    ),
    # shape questions on packing, Cells and Embedding
    "quiz.why.packed.packed.data": (
        "packed.data keeps only the valid timesteps, one row each: {sum} = {total} rows of H_in = {H_in} "
        "features, so {answer}. The padding is gone.",
        "packed.data 只保留有效时间步，每步一行：{sum} = {total} 行，每行 H_in = {H_in} 个特征，所以是 {answer}。填充部分没有了。",
    ),
    "quiz.why.packed.packed.batch_sizes": (
        "For each timestep, how many sequences are still running: the lengths {lengths} give {answer}, "
        "which add up to {total}, the rows of packed.data.",
        "每个时间步上还有多少条序列没结束：长度 {lengths} 得到 {answer}，加起来是 {total}，正是 packed.data 的行数。",
    ),
    "quiz.why.packed.out": (
        "pad_packed_sequence pads back only to the longest length, max(lengths) = {longest}, not to "
        "L = {L}; the width is D·H_out = {width}: {answer}.",
        "pad_packed_sequence 只填充回最长的长度 max(lengths) = {longest}，而不是 L = {L}；最后一维是 D·H_out = {width}："
        "{answer}。",
    ),
    "quiz.why.packed.out_full": (
        "pad_packed_sequence pads back to the longest length, max(lengths) = {longest}, which here is L; "
        "the width is D·H_out = {width}: {answer}.",
        "pad_packed_sequence 填充回最长的长度 max(lengths) = {longest}，这里正好等于 L；最后一维是 D·H_out = {width}：{answer}。",
    ),
    "quiz.why.packed.h_n": (
        "The same shape as without packing, (D·num_layers, N, H_out) = {answer}; each sequence's row holds "
        "the state at its own last valid timestep, not at the padding.",
        "和不打包时形状相同，(D·num_layers, N, H_out) = {answer}；每条序列对应的那一行是它自己最后一个有效时间步的状态，而不是填充处的状态。",
    ),
    "quiz.why.cell.h": (
        "A cell is one step of one layer: no time axis and no layer axis. Fed x[0] of shape {step}, it "
        "returns h of shape {state}.",
        "单元（cell）只算一层的一步：没有时间维，也没有层维。输入形状为 {step} 的 x[0]，返回的 h 形状为 {state}。",
    ),
    "quiz.why.cell.c": (
        "A cell is one step of one layer: no time axis and no layer axis. LSTMCell returns h and c, both "
        "{state}.",
        "单元（cell）只算一层的一步：没有时间维，也没有层维。LSTMCell 返回 h 和 c，形状都是 {state}。",
    ),
    "quiz.why.cell.cell.weight_ih": (
        "(G·hidden_size, input_size) = ({G}·{H}, {H_in}) = {answer}: like the layer's weight_ih_l0, without "
        "the _l0, since a cell is one layer.",
        "(G·hidden_size, input_size) = ({G}·{H}, {H_in}) = {answer}：和整层的 weight_ih_l0 一样，只是没有 _l0 后缀，因为单元就是一层。",
    ),
    "quiz.why.cell.cell.weight_hh": (
        "(G·hidden_size, hidden_size) = ({G}·{H}, {H}) = {answer}: like the layer's weight_hh_l0, without "
        "the _l0, since a cell is one layer.",
        "(G·hidden_size, hidden_size) = ({G}·{H}, {H}) = {answer}：和整层的 weight_hh_l0 一样，只是没有 _l0 后缀，因为单元就是一层。",
    ),
    "quiz.why.embedding.x": (
        "An Embedding replaces each id by its row of emb.weight: the ids' shape {ids} gains a last axis of "
        "embedding_dim = {E}, so {answer}.",
        "Embedding 把每个 id 换成 emb.weight 中对应的那一行：在 ids 的形状 {ids} 后面加上一维 embedding_dim = {E}，所以是 {answer}。",
    ),
    "quiz.why.embedding.x_onehot": (
        "F.one_hot adds a last axis of num_classes = {V} to the ids' shape {ids}, so {answer}; that is why "
        "input_size = vocabulary size for one-hot input.",
        "F.one_hot 在 ids 的形状 {ids} 后面加上一维 num_classes = {V}，所以是 {answer}；这就是 one-hot 输入时 "
        "input_size 等于词表大小的原因。",
    ),
    "quiz.why.embedding.emb.weight": (
        "One row per token id: (num_embeddings, embedding_dim) = ({V}, {E}). It starts from N(0, 1), not "
        "from the U(−1/√H, 1/√H) of the recurrent weights.",
        "每个词 id 一行：(num_embeddings, embedding_dim) = ({V}, {E})。它的初始值来自 N(0, 1)，而不是循环层权重的 "
        "U(−1/√H, 1/√H)。",
    ),
}
