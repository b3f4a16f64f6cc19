"""What the seed articles teach (one-hot input, output.view, Embedding, the char-RNN), on three pages. English and Chinese side by side (explainer.i18n merges every catalogue)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the seed articles' last gaps: one-hot, view, Embedding, the hand-built char RNN
    "seed.equal": ("equal", "相等"),
    "seed.differ": ("differ", "不相等"),
    "seed.col.left": ("Left", "左边"),
    "seed.col.right": ("Right", "右边"),
    "seed.col.diff": ("max |difference|", "最大差的绝对值"),
    "seed.col.verdict": ("Verdict", "结论"),
    "seed.col.what": ("Comparison", "比较内容"),
    "seed.output_hidden": (
        "`output` is the hidden states: h_t of the top layer at every step, D·H_out = {width} wide. "
        "nn.{mode} has no output layer; for a score per class, put an nn.Linear({width}, number of "
        "classes) on `output` (or on the final state).",
        "`output` 就是隐藏状态：最上面一层每个时间步的 h_t，最后一维大小为 D·H_out = {width}。nn.{mode} 本身没有输出层；"
        "要得到每个类别的分数，需要在 `output`（或最终状态）后面接一个 nn.Linear({width}, 类别数)。",
    ),
    "seed.articles": (
        "From the articles: one-hot input, and output.view / h_n.view",
        "文章里讲到的：one-hot 输入，以及 output.view / h_n.view",
    ),
    "seed.one_hot": (
        "**One-hot input.** With x = F.one_hot(ids, {V}).float(), each x_t has one entry per token, so "
        "input_size is the vocabulary size, V = {V}. Real run: x {x_shape} gives output {output_shape}, "
        "the hidden states; nn.Linear({width}, {V}) on it gives {head_shape}, a score per token. A one-hot "
        "x_t times W_ih_l0ᵀ just picks one row of W_ih_l0ᵀ, which is what an Embedding does: `{left}` vs "
        "`{right}`, max difference {diff} ({verdict}).",
        "**one-hot 输入。** 用 x = F.one_hot(ids, {V}).float() 时，每个 x_t 每个词占一维，所以 input_size 就是词表大小 "
        "V = {V}。实际运行：x {x_shape} 得到 output {output_shape}，也就是隐藏状态；再接 nn.Linear({width}, {V}) 得到 "
        "{head_shape}，即每个词一个分数。one-hot 的 x_t 乘以 W_ih_l0ᵀ 只是取出 W_ih_l0ᵀ 的某一行，这正是 Embedding "
        "做的事：`{left}` 与 `{right}` 的最大差为 {diff}（{verdict}）。",
    ),
    "seed.views": (
        "**Splitting the directions and layers.** The nn.RNN docstring (quoted in the articles) splits "
        "output with `{ov}` (on dim {dim}, index 0 is forward and 1 is reverse) and h_n with `{hv}`. "
        "Measured on the real module, with a short input of L = {L} steps:",
        "**拆分方向和层。** nn.RNN 的文档（文章中有引用）用 `{ov}` 拆分 output（第 {dim} 维（dim {dim}）上，下标 0 是正向，"
        "1 是反向），用 `{hv}` 拆分 h_n。在真实模块上用一段 L = {L} 步的短输入测得：",
    ),
    "seed.views_reverse": (
        "The last row differs: the reverse direction reaches its final state at t = 0; at t = L-1 it has "
        "read one step only.",
        "最后一行不相等：反向在 t = 0 才到达最终状态；在 t = L-1 时它只读了一步。",
    ),
    "seed.emb.title": ("nn.Embedding with padding_idx, packed", "带 padding_idx 的 nn.Embedding，再打包"),
    "seed.emb.setup": (
        "Token ids (vocabulary {V}, id 0 = padding after each sequence's length) go through "
        "nn.Embedding({V}, {E}, padding_idx=0), are packed with these lengths, and run through the real "
        "module (float64, torch's own init). Measured:",
        "词 id（词表大小 {V}，每条序列有效长度之后用 id 0 填充）先经过 nn.Embedding({V}, {E}, padding_idx=0)，"
        "再按这些长度打包，送入真实模块（float64，torch 自己的初始化）。测得：",
    ),
    "seed.emb.pad_row": (
        "emb.weight[0], the padding row, is zero at construction: max |·| = {pad_row}; so every padded "
        "position of emb(ids) is zero too: max |·| = {pad_output}.",
        "填充行 emb.weight[0] 在构建时就是零：最大绝对值 = {pad_row}；所以 emb(ids) 在所有填充位置上也是零：最大绝对值 = {pad_output}。",
    ),
    "seed.emb.grad": (
        "After a backward from h_n, the padding row's gradient is {pad_grad} (it never learns), the other "
        "rows' up to {other_grad}.",
        "从 h_n 反向传播后，填充行的梯度为 {pad_grad}（它永远不会被更新），其他行的梯度最大为 {other_grad}。",
    ),
    "seed.emb.packed": (
        "h_n of the packed batch vs each sequence run alone without padding: max difference "
        "{packed_vs_alone}. Packing makes the padding invisible to the module.",
        "打包后整批的 h_n 与每条序列单独（不填充）运行的结果相比：最大差为 {packed_vs_alone}。打包之后，模块完全看不到填充。",
    ),
    "seed.emb.init": (
        "Different inits: nn.Embedding({rows}, {dim}) starts from N(0, 1) (measured mean {mean}, std "
        "{std}); the recurrent weights start from U(−1/√H, 1/√H) with 1/√{H} = {bound} (measured max |w| "
        "{max}, std {rnn_std} vs {uniform_std} = bound/√3 for a uniform distribution).",
        "两者的初始化不同：nn.Embedding({rows}, {dim}) 来自 N(0, 1)（测得均值 {mean}，标准差 {std}）；循环层的权重来自 "
        "U(−1/√H, 1/√H)，其中 1/√{H} = {bound}（测得最大 |w| 为 {max}，标准差 {rnn_std}，均匀分布的理论值为 bound/√3 = "
        "{uniform_std}）。",
    ),
    "seed.char.title": (
        "The article's hand-built RNN (i2h, i2o) vs nn.RNNCell",
        "文章中手写的 RNN（i2h、i2o）与 nn.RNNCell 的对比",
    ),
    "seed.char.intro": (
        "The char-RNN article builds its model from two Linears on cat(x_t, h): the code below, run on "
        "one-hot characters of the text (V = {V}, hidden size {H}, {T} steps, float64). Its i2h is "
        "nn.RNNCell's two weights side by side: i2h.weight[:, :{V}] is weight_ih ({H}, {V}), "
        "i2h.weight[:, {V}:] is weight_hh ({H}, {H}), i2h.bias is bias_ih with bias_hh = 0 (a cell adds "
        "two biases; only their sum matters). But it applies no tanh, and its i2o reads x_t and the "
        "previous h, not the new one:",
        "这篇字符级 RNN 文章用两个作用在 cat(x_t, h) 上的 Linear 搭出模型：即下面的代码，在文本的 one-hot 字符上运行"
        "（V = {V}，隐藏层大小 {H}，共 {T} 步，float64）。它的 i2h 就是 nn.RNNCell 的两个权重并排放在一起："
        "i2h.weight[:, :{V}] 是 weight_ih ({H}, {V})，i2h.weight[:, {V}:] 是 weight_hh ({H}, {H})，i2h.bias 是 "
        "bias_ih，bias_hh = 0（单元有两个偏置，只有它们的和起作用）。但它没有 tanh，而且它的 i2o 读的是 x_t 和上一步的 h，"
        "而不是新的 h：",
    ),
    "seed.char.step": (
        "one step: tanh(i2h(cat(x_0, h_0))) vs nn.RNNCell(x_0, h_0) with those weights",
        "一步：tanh(i2h(cat(x_0, h_0))) 与装入这些权重的 nn.RNNCell(x_0, h_0)",
    ),
    "seed.char.no_tanh": (
        "the article's hidden states (no tanh) vs nn.RNNCell's, over the text",
        "整段文本上：文章的隐藏状态（没有 tanh）与 nn.RNNCell 的隐藏状态",
    ),
    "seed.char.sequence": (
        "the article's loop with tanh added vs nn.RNN holding the same weights",
        "加上 tanh 后文章的循环与装入相同权重的 nn.RNN",
    ),
    "seed.char.split": (
        "i2o's scores vs LogSoftmax(W_o[:, :V] x_t + W_o[:, V:] h_(t-1) + b_o)",
        "i2o 的分数与 LogSoftmax(W_o[:, :V] x_t + W_o[:, V:] h_(t-1) + b_o)",
    ),
    "seed.char.head": (
        "i2o's scores vs a Linear head on the new h_t (i2o's hidden columns)",
        "i2o 的分数与作用在新的 h_t 上的 Linear 输出层（取 i2o 中对应隐藏状态的列）",
    ),
    "seed.char.loss": (
        "LogSoftmax + NLLLoss vs CrossEntropyLoss on the raw scores",
        "LogSoftmax + NLLLoss 与直接作用在原始分数上的 CrossEntropyLoss",
    ),
    "seed.char.index_error": (
        "The article's train() passes a character's index, input_tensor[i], where i2h needs a one-hot row "
        "(1, V); torch says: {error}.",
        "文章的 train() 传入的是字符的下标 input_tensor[i]，而 i2h 需要的是形状为 (1, V) 的 one-hot 行；torch 的报错：{error}。",
    ),
    "seed.char.ours": (
        "This page's demo is the form torch provides: nn.Embedding → nn.RNN (with tanh) → nn.Linear on "
        "each h_t, trained with CrossEntropyLoss.",
        "本页的演示用的是 torch 现成的写法：nn.Embedding → nn.RNN（带 tanh）→ 作用在每个 h_t 上的 nn.Linear，用 "
        "CrossEntropyLoss 训练。",
    ),
}
