"""Demonstration instruments for classification, in English, Russian and Tajik.

All names, descriptions, item texts, guidance and notes in this module are
original to this project. They were written for it in plain professional
language and are not taken, translated or paraphrased from any licensed
instrument (in particular not from VERA-2R or ERG22+). Only the general,
publicly known idea of structured professional judgement is used: domains of
rated items, protective factors rated alongside risk factors, and an overall
judgement written by the assessor rather than a score.

``INSTRUMENTS`` is the plain description that
``classification.services.instrument_load`` turns into an instrument, a
version with its domains and items, and the classification rules:

* ``srs`` -- a general security-risk screening at and after admission;
* ``vej`` -- a violent-extremism structured judgement with five domains,
  including items that apply to women only (Bangkok Rules 40-41).

A service is expected to review and adapt these texts before using them.
"""

INSTRUMENTS: list[dict] = [
    # ------------------------------------------------------------------------------
    # SRS: security-risk screening
    # ------------------------------------------------------------------------------
    {
        "code": "srs",
        "purpose": "security",
        "name": {
            "en": "Security risk screening",
            "ru": "Скрининг рисков безопасности",
            "tg": "Арзёбии ибтидоии хавфҳои амниятӣ",
        },
        "description": {
            "en": "A short screening completed soon after admission and at each review. It covers the risk of "
            "escape and serious breaches of order, the risk of violence to others, and the risk to the "
            "person's own safety. Rate only on recorded information; where there is none, mark the item "
            "'not known' rather than guess.",
            "ru": "Краткий скрининг, проводимый вскоре после поступления и при каждом пересмотре. Он охватывает "
            "риск побега и серьёзных нарушений порядка, риск насилия в отношении других и риск для "
            "безопасности самого человека. Оценивайте только по зафиксированным сведениям; если сведений нет, "
            "отметьте «неизвестно», а не угадывайте.",
            "tg": "Арзёбии кӯтоҳе, ки дере нагузашта пас аз қабул ба муассиса ва ҳангоми ҳар як бознигарӣ "
            "гузаронида мешавад. Он хавфи фирор ва вайронкунии ҷиддии тартибот, хавфи зӯроварӣ нисбат ба "
            "дигарон ва хавфро барои амнияти худи шахс дар бар мегирад. Танҳо дар асоси маълумоти сабтшуда "
            "баҳо диҳед; агар маълумот набошад, ба ҷои тахмин «маълум нест»-ро қайд кунед.",
        },
        "rules": [
            {"judgement": "low", "sex": "any", "security_level": "standard", "regime": "general"},
            {"judgement": "moderate", "sex": "any", "security_level": "enhanced", "regime": "supervised"},
            {
                "judgement": "high",
                "sex": "any",
                "security_level": "high",
                "regime": "supervised",
                "note": {
                    "en": "A high screening result suggests high security with close supervision. This screening "
                    "never suggests separation: that is decided only on the extremism instrument or through a "
                    "disciplinary process, and isolation increases the danger for a person at risk of self-harm.",
                    "ru": "Высокий результат скрининга предполагает высокий уровень безопасности с усиленным "
                    "надзором. Раздельное содержание по этому скринингу не предлагается никогда: оно решается "
                    "только по инструменту оценки экстремизма или в дисциплинарном порядке, а изоляция повышает "
                    "опасность для человека с риском самоповреждения.",
                    "tg": "Натиҷаи баланди арзёбии ибтидоӣ сатҳи баланди амниятро бо назорати пурзӯр пешниҳод "
                    "мекунад. Аз рӯи ин арзёбӣ нигаҳдории ҷудогона ҳеҷ гоҳ пешниҳод намешавад: он танҳо аз рӯи "
                    "воситаи арзёбии ифротгароӣ ё бо тартиби интизомӣ ҳал карда мешавад, ва ҷудо нигоҳ доштан "
                    "барои шахсе, ки хавфи ба худ зарар расониданро дорад, хатарро зиёд мекунад.",
                },
            },
        ],
        "domains": [
            {
                "code": "custody",
                "is_protective": False,
                "name": {
                    "en": "Custody behaviour and escape",
                    "ru": "Поведение под стражей и риск побега",
                    "tg": "Рафтор дар ҳабс ва хавфи фирор",
                },
                "guidance": {
                    "en": "Rate the risk that the person will escape or seriously disrupt order in custody. Use "
                    "earlier custody records, court papers and police information, and note the source of each "
                    "fact.",
                    "ru": "Оцените риск того, что человек совершит побег или серьёзно нарушит порядок содержания. "
                    "Используйте сведения о прежнем содержании под стражей, судебные документы и данные милиции и "
                    "указывайте источник каждого факта.",
                    "tg": "Хавфи он баҳо дода мешавад, ки шахс фирор мекунад ё тартиботи нигаҳдориро ба таври "
                    "ҷиддӣ вайрон мекунад. Маълумот дар бораи дар ҳабс будани қаблӣ, ҳуҷҷатҳои судӣ ва "
                    "маълумоти милитсияро истифода баред ва манбаи ҳар як далелро қайд кунед.",
                },
                "items": [
                    {
                        "code": "e1",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Escape, attempted escape, or absconding from a court or from supervision in the "
                            "past",
                            "ru": "Побег, попытка побега или уклонение от суда либо от надзора в прошлом",
                            "tg": "Фирор, кӯшиши фирор ё саркашӣ аз суд ё аз назорат дар гузашта",
                        },
                        "guidance": {
                            "en": "Record when it happened and how it was done. A single failure to appear in court "
                            "years ago is not the same as a planned escape; rate them differently and say which it "
                            "was.",
                            "ru": "Укажите, когда и каким образом это произошло. Однократная неявка в суд много лет "
                            "назад — не то же самое, что спланированный побег; оценивайте их по-разному и укажите, "
                            "о чём идёт речь.",
                            "tg": "Қайд кунед, ки ин кай ва чӣ тавр рух додааст. Як бор ҳозир нашудан ба суд чанд "
                            "сол пеш бо фирори пешакӣ нақшагирифташуда баробар нест; онҳоро гуногун баҳо диҳед ва "
                            "нишон диҳед, ки сухан дар бораи кадомаш меравад.",
                        },
                    },
                    {
                        "code": "e2",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Serious breaches of discipline in earlier periods of custody (prohibited items, "
                            "damage, refusing lawful orders, organised disorder)",
                            "ru": "Серьёзные дисциплинарные нарушения в прежние периоды содержания под стражей "
                            "(запрещённые предметы, порча имущества, отказ выполнять законные требования, групповые "
                            "беспорядки)",
                            "tg": "Вайронкуниҳои ҷиддии интизомӣ дар давраҳои қаблии дар ҳабс будан (ашёи манъшуда, "
                            "вайрон кардани амвол, иҷро накардани талаботи қонунӣ, бетартибиҳои гурӯҳӣ)",
                        },
                        "guidance": {
                            "en": "Count proven disciplinary findings, not allegations or rumours. Note whether the "
                            "behaviour has changed over time.",
                            "ru": "Учитывайте доказанные дисциплинарные нарушения, а не подозрения или слухи. "
                            "Отметьте, менялось ли поведение со временем.",
                            "tg": "Танҳо вайронкуниҳои интизомии исботшударо ба ҳисоб гиред, на гумонҳо ё "
                            "овозаҳоро. Қайд кунед, ки оё рафтор бо мурури вақт тағйир ёфтааст.",
                        },
                    },
                    {
                        "code": "e3",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Outside contacts or resources that could be used to help an escape or to bring in "
                            "prohibited items",
                            "ru": "Внешние связи или ресурсы, которые могут быть использованы для содействия побегу "
                            "или проноса запрещённых предметов",
                            "tg": "Робитаҳо ё имкониятҳои берунӣ, ки метавонанд барои кӯмак ба фирор ё ворид "
                            "кардани ашёи манъшуда истифода шаванд",
                        },
                        "guidance": {
                            "en": "Rate only on specific information such as intercepted messages, known associates "
                            "or earlier attempts. Family visits, parcels and money transfers are a right and are not "
                            "evidence in themselves.",
                            "ru": "Оценивайте только по конкретным сведениям: перехваченные сообщения, известные "
                            "сообщники, прежние попытки. Свидания с семьёй, передачи и денежные переводы — это право "
                            "и сами по себе не являются доказательством.",
                            "tg": "Танҳо дар асоси маълумоти мушаххас баҳо диҳед: паёмҳои дастгиршуда, шарикони "
                            "маълум ё кӯшишҳои қаблӣ. Вохӯрӣ бо оила, бастаҳо ва интиқоли пул ҳуқуқ мебошанд ва худ "
                            "аз худ далел ҳисобида намешаванд.",
                        },
                    },
                    {
                        "code": "e4",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Present circumstances that may strengthen the wish to escape (a long term still to "
                            "serve, further charges, extradition proceedings, a serious crisis at home)",
                            "ru": "Текущие обстоятельства, которые могут усилить стремление к побегу (длительный "
                            "оставшийся срок, новые обвинения, процедура экстрадиции, серьёзный кризис в семье)",
                            "tg": "Вазъияти кунунӣ, ки метавонад хоҳиши фирорро зиёд кунад (мӯҳлати дарози "
                            "боқимондаи ҷазо, айбдоркуниҳои нав, мурофиаи истирдод, бӯҳрони ҷиддӣ дар оила)",
                        },
                        "guidance": {
                            "en": "List the circumstances that apply and how recent they are. A long sentence alone "
                            "does not make this item high; weigh it together with other signs such as planning or "
                            "outside help.",
                            "ru": "Перечислите применимые обстоятельства и укажите, насколько они свежие. Длительный "
                            "срок сам по себе не делает оценку высокой; учитывайте его вместе с другими признаками, "
                            "например подготовкой или помощью извне.",
                            "tg": "Ҳолатҳои марбутро номбар кунед ва нишон диҳед, ки кай ба миён омадаанд. Танҳо "
                            "мӯҳлати дарози ҷазо ин бандро баланд намегардонад; онро якҷоя бо нишонаҳои дигар, "
                            "масалан тайёрӣ ё кӯмак аз берун, баррасӣ кунед.",
                        },
                    },
                ],
            },
            {
                "code": "violence",
                "is_protective": False,
                "name": {
                    "en": "Violence and intimidation",
                    "ru": "Насилие и запугивание",
                    "tg": "Зӯроварӣ ва тарсонидан",
                },
                "guidance": {
                    "en": "Rate the risk of harm to staff and other prisoners. Consider how serious, how recent and "
                    "how frequent the behaviour was, and rely on convictions and documented incidents rather than "
                    "on reputation.",
                    "ru": "Оцените риск причинения вреда персоналу и другим заключённым. Учитывайте тяжесть, "
                    "давность и частоту поведения и опирайтесь на приговоры и задокументированные инциденты, а не "
                    "на репутацию.",
                    "tg": "Хавфи расонидани зарар ба кормандон ва маҳбусони дигар баҳо дода мешавад. Ба назар "
                    "гиред, ки рафтор то чӣ андоза вазнин буд, кай рух дод ва чанд маротиба такрор шуд, ва ба "
                    "ҳукмҳо ва ҳодисаҳои ҳуҷҷатгузоришуда такя кунед, на ба овоза.",
                },
                "items": [
                    {
                        "code": "v1",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Serious violence in the current offence or in the past, including use of weapons",
                            "ru": "Серьёзное насилие в текущем преступлении или в прошлом, включая применение оружия",
                            "tg": "Зӯроварии ҷиддӣ дар ҷинояти ҳозира ё дар гузашта, аз ҷумла истифодаи силоҳ",
                        },
                        "guidance": {
                            "en": "Record against whom the violence was used and in what circumstances. Distinguish "
                            "planned violence from a single reaction in a personal conflict.",
                            "ru": "Укажите, против кого и при каких обстоятельствах было применено насилие. Отличайте "
                            "спланированное насилие от единичной реакции в личном конфликте.",
                            "tg": "Қайд кунед, ки зӯроварӣ нисбат ба кӣ ва дар кадом ҳолат истифода шудааст. "
                            "Зӯроварии пешакӣ нақшагирифташударо аз вокуниши якдафъаина дар низои шахсӣ фарқ кунед.",
                        },
                    },
                    {
                        "code": "v2",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Violence or threats against staff or other prisoners while in custody",
                            "ru": "Насилие или угрозы в отношении персонала или других заключённых в период "
                            "содержания под стражей",
                            "tg": "Зӯроварӣ ё таҳдид нисбат ба кормандон ё маҳбусони дигар ҳангоми дар ҳабс будан",
                        },
                        "guidance": {
                            "en": "Use incident reports from this and earlier periods of custody. Note whether the "
                            "person started the incident or was defending themselves.",
                            "ru": "Используйте рапорты об инцидентах за текущий и прежние периоды содержания. "
                            "Отметьте, был ли человек зачинщиком или защищался.",
                            "tg": "Гузоришҳоро дар бораи ҳодисаҳо аз давраи ҷорӣ ва давраҳои қаблии дар ҳабс будан "
                            "истифода баред. Қайд кунед, ки оё шахс ҳодисаро оғоз кард ё аз худ дифоъ мекард.",
                        },
                    },
                    {
                        "code": "v3",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Intimidating, exploiting or putting pressure on other prisoners (debts, "
                            "extortion, forcing them to perform services)",
                            "ru": "Запугивание, эксплуатация других заключённых или давление на них (долги, "
                            "вымогательство, принуждение к услугам)",
                            "tg": "Тарсонидан, истисмор кардан ё фишор овардан ба маҳбусони дигар (қарзҳо, "
                            "тамаъҷӯӣ, маҷбур кардан ба хизмат)",
                        },
                        "guidance": {
                            "en": "Look for reports from staff and other prisoners, and for patterns such as others "
                            "handing over food or money. Protect sources: record what was observed, not who reported "
                            "it.",
                            "ru": "Учитывайте сообщения персонала и других заключённых, а также устойчивые признаки, "
                            "например когда другие отдают человеку еду или деньги. Защищайте источники: указывайте, "
                            "что наблюдалось, а не кто сообщил.",
                            "tg": "Ба хабарҳои кормандон ва маҳбусони дигар ва ба нишонаҳои такроршаванда, масалан "
                            "вақте ки дигарон ба ӯ хӯрок ё пул медиҳанд, диққат диҳед. Манбаъҳоро ҳифз кунед: қайд "
                            "кунед, ки чӣ мушоҳида шуд, на ин ки кӣ хабар дод.",
                        },
                    },
                    {
                        "code": "v4",
                        "scale": "pa",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Active role in a criminal group or in an informal prisoner hierarchy",
                            "ru": "Активная роль в преступной группе или в неформальной иерархии заключённых",
                            "tg": "Нақши фаъол дар гурӯҳи ҷиноятӣ ё дар сохтори ғайрирасмии байни маҳбусон",
                        },
                        "guidance": {
                            "en": "Rate on specific information about the person's own role, such as organising, "
                            "collecting money or enforcing informal rules. Sharing a cell, a home town or a family "
                            "name with group members is not enough.",
                            "ru": "Оценивайте по конкретным сведениям о собственной роли человека: организация, сбор "
                            "денег, принуждение к соблюдению неформальных правил. Общая камера, общий родной город "
                            "или фамилия с членами группы — недостаточное основание.",
                            "tg": "Дар асоси маълумоти мушаххас дар бораи нақши худи шахс баҳо диҳед: ташкил кардан, "
                            "ҷамъ кардани пул ё маҷбур кардани дигарон ба риояи қоидаҳои ғайрирасмӣ. Дар як камера "
                            "будан, ҳамшаҳрӣ ё ҳамдеҳа будан ё насаби умумӣ доштан бо аъзои гурӯҳ кофӣ нест.",
                        },
                    },
                ],
            },
            {
                "code": "vulnerability",
                "is_protective": False,
                "name": {
                    "en": "Vulnerability and self-harm",
                    "ru": "Уязвимость и самоповреждение",
                    "tg": "Осебпазирӣ ва ба худ зарар расонидан",
                },
                "guidance": {
                    "en": "This domain rates the risk to the person, not the risk from them. A high rating calls for "
                    "protection, support and observation, never for a harsher regime or isolation.",
                    "ru": "Этот раздел оценивает риск для самого человека, а не риск, исходящий от него. Высокая "
                    "оценка требует защиты, поддержки и наблюдения, но никогда — более строгого режима или "
                    "изоляции.",
                    "tg": "Ин бахш хавфро барои худи шахс баҳо медиҳад, на хавферо, ки аз ӯ бармеояд. Баҳои баланд "
                    "ҳифз, дастгирӣ ва мушоҳидаро талаб мекунад, вале ҳеҷ гоҳ низоми сахттар ё ҷудо нигоҳ "
                    "доштанро не.",
                },
                "items": [
                    {
                        "code": "s1",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Current or past self-harm, suicidal thoughts or suicide attempts",
                            "ru": "Самоповреждения, суицидальные мысли или попытки самоубийства в настоящем или "
                            "прошлом",
                            "tg": "Ба худ зарар расонидан, фикрҳои худкушӣ ё кӯшиши худкушӣ дар ҳозира ё гузашта",
                        },
                        "guidance": {
                            "en": "Ask directly and respectfully, and check medical and earlier custody records. "
                            "Current suicidal thoughts or an attempt in the last twelve months need an immediate "
                            "referral to the medical unit, whatever the rating.",
                            "ru": "Спросите прямо и уважительно и проверьте медицинские документы и записи о прежнем "
                            "содержании. Текущие суицидальные мысли или попытка в последние двенадцать месяцев "
                            "требуют немедленного направления в медицинскую часть независимо от оценки.",
                            "tg": "Бевосита ва бо эҳтиром пурсед ва ҳуҷҷатҳои тиббӣ ва сабтҳои давраҳои қаблии "
                            "ҳабсро санҷед. Фикрҳои ҳозираи худкушӣ ё кӯшиши худкушӣ дар давоми дувоздаҳ моҳи охир, "
                            "новобаста аз баҳо, фавран ба қисми тиббӣ фиристоданро талаб мекунанд.",
                        },
                    },
                    {
                        "code": "s2",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Risk of being harmed or exploited by other prisoners (because of age, disability, "
                            "the nature of the offence, debts, former work in law enforcement or other reasons)",
                            "ru": "Риск причинения вреда или эксплуатации со стороны других заключённых (из-за "
                            "возраста, инвалидности, характера преступления, долгов, прежней работы в "
                            "правоохранительных органах или по другим причинам)",
                            "tg": "Хавфи аз ҷониби маҳбусони дигар зарар дидан ё истисмор шудан (бо сабаби синну "
                            "сол, маъюбӣ, хусусияти ҷиноят, қарзҳо, кори қаблӣ дар мақомоти ҳифзи ҳуқуқ ё сабабҳои "
                            "дигар)",
                        },
                        "guidance": {
                            "en": "Ask the person whether they feel safe and whom they fear, and record the answer. "
                            "Use the rating to plan placement and keep-apart constraints.",
                            "ru": "Спросите человека, чувствует ли он себя в безопасности и кого опасается, и "
                            "запишите ответ. Используйте оценку при решении о размещении и запретах на совместное "
                            "содержание.",
                            "tg": "Аз шахс пурсед, ки оё худро дар амн ҳис мекунад ва аз кӣ метарсад, ва ҷавобро "
                            "қайд кунед. Баҳоро барои ҳалли масъалаи ҷойгиронӣ ва манъи якҷоя нигоҳ доштан "
                            "истифода баред.",
                        },
                    },
                    {
                        "code": "s3",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Mental or physical health problems, or drug or alcohol dependence or withdrawal, "
                            "that affect safety in custody",
                            "ru": "Проблемы психического или физического здоровья, зависимость от наркотиков или "
                            "алкоголя либо абстинентный синдром, влияющие на безопасность под стражей",
                            "tg": "Мушкилоти саломатии рӯҳӣ ё ҷисмонӣ, вобастагӣ аз маводи мухаддир ё машрубот ё "
                            "аломатҳои тарки онҳо, ки ба бехатарӣ дар ҳабс таъсир мерасонанд",
                        },
                        "guidance": {
                            "en": "Use the admission health screening and record the effect on safety, not the "
                            "diagnosis, which stays in the medical file. Withdrawal in the first days of custody "
                            "calls for medical observation.",
                            "ru": "Используйте результаты медицинского осмотра при поступлении и указывайте влияние "
                            "на безопасность, а не диагноз, который остаётся в медицинской документации. "
                            "Абстинентный синдром в первые дни содержания требует медицинского наблюдения.",
                            "tg": "Натиҷаҳои муоинаи тиббии ҳангоми қабулро истифода баред ва таъсирро ба бехатарӣ "
                            "қайд кунед, на ташхисро, ки дар ҳуҷҷатҳои тиббӣ мемонад. Аломатҳои тарк дар рӯзҳои "
                            "аввали ҳабс мушоҳидаи тиббиро талаб мекунанд.",
                        },
                    },
                    {
                        "code": "s4",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Circumstances at admission that raise the risk (first time in custody, loss of "
                            "contact with family or children, distressing news about the case or the family)",
                            "ru": "Обстоятельства при поступлении, повышающие риск (первое заключение под стражу, "
                            "потеря связи с семьёй или детьми, тяжёлые известия по делу или из семьи)",
                            "tg": "Ҳолатҳои ҳангоми қабул, ки хавфро зиёд мекунанд (бори аввал дар ҳабс будан, аз "
                            "даст додани робита бо оила ё фарзандон, хабарҳои вазнин дар бораи парванда ё оила)",
                        },
                        "guidance": {
                            "en": "The first days and weeks in custody carry the highest risk; repeat this screening "
                            "after a month. Ask everyone who has children, and every woman in particular, who is "
                            "caring for the children and where they are (Bangkok Rules 2-3).",
                            "ru": "Первые дни и недели под стражей — период наибольшего риска; повторите скрининг "
                            "через месяц. Спросите каждого, у кого есть дети, и в особенности каждую женщину, кто "
                            "заботится о детях и где они находятся (Бангкокские правила 2–3).",
                            "tg": "Рӯзҳо ва ҳафтаҳои аввали ҳабс давраи хавфи аз ҳама баланд мебошанд; ин арзёбиро "
                            "пас аз як моҳ такрор кунед. Аз ҳар шахсе, ки фарзанд дорад, махсусан аз ҳар як зан, "
                            "пурсед, ки кӣ фарзандонро нигоҳубин мекунад ва онҳо дар куҷоянд (Қоидаҳои Бангкок 2–3).",
                        },
                    },
                ],
            },
        ],
    },
    # ------------------------------------------------------------------------------
    # VEJ: violent-extremism structured judgement
    # ------------------------------------------------------------------------------
    {
        "code": "vej",
        "purpose": "extremism",
        "name": {
            "en": "Violent extremism structured judgement",
            "ru": "Структурированная оценка риска насильственного экстремизма",
            "tg": "Арзёбии сохтории хавфи ифротгароии хушунатомез",
        },
        "description": {
            "en": "A structured professional judgement of the risk that the person will commit, support or "
            "encourage violence for an ideological, religious or political cause. Use it only where there is a "
            "specific reason (a conviction for an extremist or terrorist offence, or reliable information), never "
            "on the ground of religion, ethnicity or appearance. The items guide the assessor; the overall "
            "judgement is not a sum of ratings but a written formulation that weighs risk factors, protective "
            "factors and the person's own account. The texts were written by this project and are not taken from "
            "any licensed instrument.",
            "ru": "Структурированное профессиональное суждение о риске того, что человек совершит, поддержит или "
            "будет поощрять насилие ради идеологических, религиозных или политических целей. Применяется только "
            "при наличии конкретного основания (осуждение за преступление экстремистского или террористического "
            "характера либо достоверные сведения) и никогда — по признаку религии, национальности или внешнего "
            "вида. Пункты служат ориентиром для оценщика; итоговое суждение — не сумма оценок, а письменное "
            "обоснование, в котором взвешены факторы риска, защитные факторы и собственные объяснения человека. "
            "Тексты составлены в рамках этого проекта и не взяты из какого-либо лицензированного инструмента.",
            "tg": "Хулосаи касбии сохторӣ дар бораи хавфи он, ки шахс барои мақсадҳои ғоявӣ, динӣ ё сиёсӣ "
            "зӯроварӣ содир мекунад, онро дастгирӣ мекунад ё ба он даъват менамояд. Танҳо ҳангоми мавҷуд будани "
            "асоси мушаххас (маҳкумият барои ҷинояти дорои хусусияти экстремистӣ ё террористӣ ё маълумоти "
            "боэътимод) истифода мешавад ва ҳеҷ гоҳ бо сабаби дин, миллат ё намуди зоҳирӣ. Бандҳо ба арзёб "
            "роҳнамоӣ мекунанд; хулосаи умумӣ ҷамъи баҳоҳо нест, балки асосноккунии хаттӣ мебошад, ки дар он "
            "омилҳои хавф, омилҳои ҳифзкунанда ва шарҳи худи шахс санҷида мешаванд. Матнҳо дар доираи ҳамин "
            "лоиҳа таҳия шудаанд ва аз ягон воситаи литсензиядор гирифта нашудаанд.",
        },
        "rules": [
            {"judgement": "low", "sex": "any", "security_level": "standard", "regime": "general"},
            {"judgement": "moderate", "sex": "any", "security_level": "enhanced", "regime": "supervised"},
            {
                "judgement": "high",
                "sex": "any",
                "security_level": "high",
                "regime": "separated",
                "note": {
                    "en": "A suggestion for the supervisor, who decides. Separation is reconsidered at every "
                    "periodic review and lasts only as long as the risk requires.",
                    "ru": "Это предложение для руководителя, который принимает решение. Раздельное содержание "
                    "пересматривается при каждом плановом пересмотре и длится лишь столько, сколько требует риск.",
                    "tg": "Ин пешниҳод барои роҳбар аст, ки қарор қабул мекунад. Нигаҳдории ҷудогона ҳангоми ҳар "
                    "як бознигарии муқаррарӣ аз нав баррасӣ мешавад ва танҳо то он даме идома меёбад, ки хавф "
                    "талаб мекунад.",
                },
            },
            {
                "judgement": "high",
                "sex": "female",
                "security_level": "high",
                "regime": "supervised",
                "note": {
                    "en": "Women are not held in separation units: the women's estate is small and has none, and "
                    "separating a woman would mean isolation or a transfer far from her children. Bangkok Rules "
                    "40-41 call for gender-sensitive classification that takes account of the generally lower "
                    "risk women pose to others and of the harm that high-security measures and isolation do to "
                    "them. Manage a high risk through high security with close supervision in the women's unit, "
                    "keep-apart constraints and an individual plan.",
                    "ru": "Женщин не содержат в блоках раздельного содержания: женских учреждений мало, таких "
                    "блоков в них нет, а отделение женщины означало бы изоляцию или перевод далеко от её детей. "
                    "Бангкокские правила 40–41 требуют классификации с учётом гендерных особенностей, которая "
                    "принимает во внимание в целом более низкий риск, который женщины представляют для других, и "
                    "вред, причиняемый им мерами повышенной безопасности и изоляцией. Высокий риск следует "
                    "контролировать через высокий уровень безопасности с усиленным надзором в женском отряде, "
                    "запреты на совместное содержание и индивидуальный план.",
                    "tg": "Занон дар бахшҳои нигаҳдории ҷудогона нигоҳ дошта намешаванд: муассисаҳои занона кам "
                    "мебошанд ва чунин бахшҳо надоранд, ва ҷудо кардани зан маънои дар танҳоӣ мондан ё ба ҷои дур "
                    "аз фарзандонаш интиқол ёфтанро дорад. Қоидаҳои 40–41-и Бангкок таснифотро бо назардошти "
                    "хусусиятҳои гендерӣ талаб мекунанд: бояд ба назар гирифт, ки занон умуман барои дигарон "
                    "хавфи камтар доранд ва чораҳои амнияти баланд ва ҷудо нигоҳ доштан ба онҳо зарари махсус "
                    "мерасонад. Хавфи баландро тавассути сатҳи баланди амният бо назорати пурзӯр дар бахши занона, "
                    "манъи якҷоя нигоҳ доштан бо шахсони муайян ва нақшаи инфиродӣ идора кунед.",
                },
            },
        ],
        "domains": [
            {
                "code": "beliefs",
                "is_protective": False,
                "name": {
                    "en": "Beliefs and attitudes",
                    "ru": "Убеждения и установки",
                    "tg": "Эътиқодҳо ва муносибатҳо",
                },
                "guidance": {
                    "en": "Rate attitudes that justify or support violence, not faith, piety or conservative views. "
                    "Base each rating on what the person has said, written or done, with its source and date, and "
                    "record their own account.",
                    "ru": "Оценивайте установки, оправдывающие или поддерживающие насилие, а не веру, набожность "
                    "или консервативные взгляды. Каждую оценку основывайте на том, что человек говорил, писал или "
                    "делал, с указанием источника и даты, и записывайте его собственные объяснения.",
                    "tg": "Муносибатҳоеро баҳо диҳед, ки зӯровариро сафед ё дастгирӣ мекунанд, на имон, диндорӣ ё "
                    "ақидаҳои муҳофизакоронаро. Ҳар як баҳоро ба он чизе асос диҳед, ки шахс гуфтааст, навиштааст "
                    "ё кардааст, бо нишон додани манбаъ ва сана, ва шарҳи худи ӯро қайд кунед.",
                },
                "items": [
                    {
                        "code": "b1",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Holds that violence against others is justified or necessary to reach "
                            "ideological, religious or political aims",
                            "ru": "Считает насилие в отношении других оправданным или необходимым для достижения "
                            "идеологических, религиозных или политических целей",
                            "tg": "Зӯровариро нисбат ба дигарон барои ноил шудан ба мақсадҳои ғоявӣ, динӣ ё сиёсӣ "
                            "асоснок ё зарурӣ меҳисобад",
                        },
                        "guidance": {
                            "en": "Look for statements, writings or messages that approve of violence against people "
                            "or places. Do not rate prayer, fasting, dress, a beard or a headscarf, or religious "
                            "study as such.",
                            "ru": "Ищите высказывания, тексты или сообщения, одобряющие насилие против людей или "
                            "объектов. Не оценивайте как таковые молитву, пост, одежду, бороду или платок, изучение "
                            "религии.",
                            "tg": "Гуфтаҳо, навиштаҳо ё паёмҳоеро ҷустуҷӯ кунед, ки зӯровариро нисбат ба одамон ё "
                            "ҷойҳо маъқул медонанд. Намоз, рӯза, либос, риш ё рӯймол ва омӯзиши динро худ аз худ "
                            "баҳо надиҳед.",
                        },
                    },
                    {
                        "code": "b2",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Sees the world in rigid 'us and them' terms and describes other groups as enemies "
                            "or as people who do not deserve humane treatment",
                            "ru": "Воспринимает мир в жёстких категориях «мы и они» и описывает другие группы как "
                            "врагов или как людей, не заслуживающих человеческого отношения",
                            "tg": "Ҷаҳонро қатъиян ба «мо ва онҳо» ҷудо мекунад ва гурӯҳҳои дигарро ҳамчун душман ё "
                            "ҳамчун касоне тасвир мекунад, ки сазовори муносибати инсонӣ нестанд",
                        },
                        "guidance": {
                            "en": "Look for degrading words about other faiths, ethnic groups, women, the state or "
                            "its staff. Sharp criticism of the government or of injustice is not in itself this "
                            "item.",
                            "ru": "Обращайте внимание на унизительные высказывания о других религиях, народах, "
                            "женщинах, государстве или его служащих. Резкая критика власти или несправедливости сама "
                            "по себе к этому пункту не относится.",
                            "tg": "Ба суханони таҳқиркунанда дар бораи динҳои дигар, миллатҳо, занон, давлат ё "
                            "кормандони он диққат диҳед. Танқиди шадиди ҳукумат ё беадолатӣ худ аз худ ба ин банд "
                            "дахл надорад.",
                        },
                    },
                    {
                        "code": "b3",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Strong personal or group grievance (injustice, humiliation, discrimination, loss) "
                            "tied to blaming others and a wish for revenge",
                            "ru": "Сильная личная или групповая обида (несправедливость, унижение, дискриминация, "
                            "утрата), связанная с обвинением других и желанием мести",
                            "tg": "Ранҷиши шадиди шахсӣ ё гурӯҳӣ (беадолатӣ, таҳқир, табъиз, талафот), ки бо айбдор "
                            "кардани дигарон ва хоҳиши интиқом алоқаманд аст",
                        },
                        "guidance": {
                            "en": "Write down the grievance in the person's own words and whether it rests on real "
                            "events. What raises the rating is the link to a target and to revenge, not the "
                            "grievance itself.",
                            "ru": "Запишите обиду словами самого человека и отметьте, основана ли она на реальных "
                            "событиях. Оценку повышает связь с конкретной целью и местью, а не сама обида.",
                            "tg": "Ранҷишро бо суханони худи шахс нависед ва қайд кунед, ки оё он ба ҳодисаҳои "
                            "воқеӣ асос ёфтааст. Баҳоро на худи ранҷиш, балки алоқаи он бо ҳадафи мушаххас ва "
                            "интиқом баланд мекунад.",
                        },
                    },
                    {
                        "code": "b4",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Closed to other views: refuses any discussion that questions the use of violence",
                            "ru": "Закрытость для иных мнений: отказ от любого обсуждения, ставящего под сомнение "
                            "применение насилия",
                            "tg": "Ба ақидаҳои дигар пӯшида будан: рад кардани ҳар гуна муҳокимае, ки истифодаи "
                            "зӯровариро зери шубҳа мегузорад",
                        },
                        "guidance": {
                            "en": "Observe how the person responds in interviews, dialogue and programmes. Refusing "
                            "a programme can have other reasons (distrust, fear of other prisoners, language); "
                            "record them before rating.",
                            "ru": "Наблюдайте, как человек ведёт себя в беседах, диалоге и программах. Отказ от "
                            "программы может иметь другие причины (недоверие, страх перед другими заключёнными, "
                            "язык); запишите их до выставления оценки.",
                            "tg": "Мушоҳида кунед, ки шахс дар суҳбатҳо, муколама ва барномаҳо чӣ гуна рафтор "
                            "мекунад. Рад кардани барнома метавонад сабабҳои дигар дошта бошад (нобоварӣ, тарс аз "
                            "маҳбусони дигар, забон); пеш аз баҳо додан онҳоро қайд кунед.",
                        },
                    },
                ],
            },
            {
                "code": "context",
                "is_protective": False,
                "name": {
                    "en": "Social context and intention",
                    "ru": "Социальное окружение и намерения",
                    "tg": "Муҳити иҷтимоӣ ва ниятҳо",
                },
                "guidance": {
                    "en": "Rate the person's own connections and stated intentions, using specific and sourced "
                    "information. Being related to, or from the same place as, someone convicted of an extremist "
                    "offence is not evidence in itself.",
                    "ru": "Оценивайте собственные связи и заявленные намерения человека на основе конкретных "
                    "сведений с указанием источника. Родство или общее место происхождения с осуждённым за "
                    "экстремизм само по себе доказательством не является.",
                    "tg": "Робитаҳо ва ниятҳои изҳоршудаи худи шахсро дар асоси маълумоти мушаххас бо нишон додани "
                    "манбаъ баҳо диҳед. Хешу табор будан ё аз як ҷо будан бо шахси барои ифротгароӣ маҳкумшуда худ "
                    "аз худ далел намебошад.",
                },
                "items": [
                    {
                        "code": "c1",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Close ties to people or groups who use or promote violence, in custody, in the "
                            "community or online",
                            "ru": "Тесные связи с людьми или группами, применяющими или пропагандирующими насилие, — "
                            "под стражей, на свободе или в интернете",
                            "tg": "Робитаҳои наздик бо шахсон ё гурӯҳҳое, ки зӯровариро истифода ё тарғиб мекунанд, "
                            "— дар ҳабс, дар ҷомеа ё дар интернет",
                        },
                        "guidance": {
                            "en": "Record who the contacts are, how often they are in touch and how the link is "
                            "known. A tie the person is trying to end counts for less than one they are seeking out.",
                            "ru": "Укажите, кто эти люди, как часто происходит общение и откуда известно о связи. "
                            "Связь, которую человек пытается прекратить, весит меньше, чем та, к которой он "
                            "стремится.",
                            "tg": "Қайд кунед, ки ин шахсон киҳоянд, робита то чӣ андоза зуд-зуд сурат мегирад ва "
                            "дар бораи он аз куҷо маълум аст. Робитае, ки шахс мехоҳад қатъ кунад, нисбат ба "
                            "робитае, ки худаш меҷӯяд, камтар вазн дорад.",
                        },
                    },
                    {
                        "code": "c2",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Has expressed an intention, plan or wish to commit or support violence, or has "
                            "named targets",
                            "ru": "Высказывал намерение, план или желание совершить насилие или поддержать его либо "
                            "называл цели",
                            "tg": "Нияти, нақша ё хоҳиши содир кардан ё дастгирӣ кардани зӯровариро изҳор кардааст "
                            "ё ҳадафҳоро номбар кардааст",
                        },
                        "guidance": {
                            "en": "Record the exact words, when and to whom they were said, and how reliable the "
                            "source is. A specific threat calls for immediate action, not only for a rating here.",
                            "ru": "Запишите точные слова, когда и кому они были сказаны и насколько надёжен "
                            "источник. Конкретная угроза требует немедленных мер, а не только оценки в этом пункте.",
                            "tg": "Суханони аниқ, вақт ва ба кӣ гуфта шудани онҳо ва дараҷаи эътимоднокии манбаъро "
                            "қайд кунед. Таҳдиди мушаххас на танҳо баҳо дар ин банд, балки чораҳои фавриро талаб "
                            "мекунад.",
                        },
                    },
                    {
                        "code": "c3",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Seeks out, keeps or shares material that calls for or glorifies violence",
                            "ru": "Ищет, хранит или распространяет материалы, призывающие к насилию или "
                            "прославляющие его",
                            "tg": "Маводеро, ки ба зӯроварӣ даъват мекунад ё онро ситоиш менамояд, ҷустуҷӯ мекунад, "
                            "нигоҳ медорад ё паҳн мекунад",
                        },
                        "guidance": {
                            "en": "Record what the material was, where it was found and whether it belonged to the "
                            "person. Religious books, lawful literature and news about conflicts are not such "
                            "material.",
                            "ru": "Укажите, что это был за материал, где он обнаружен и принадлежал ли он человеку. "
                            "Религиозные книги, разрешённая литература и новости о конфликтах к таким материалам не "
                            "относятся.",
                            "tg": "Қайд кунед, ки ин чӣ гуна мавод буд, дар куҷо ёфт шуд ва оё ба худи шахс "
                            "тааллуқ дошт. Китобҳои динӣ, адабиёти иҷозатдодашуда ва хабарҳо дар бораи низоъҳо ба "
                            "чунин мавод дахл надоранд.",
                        },
                    },
                    {
                        "code": "c4",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Tries to influence, recruit or pressure other prisoners towards violent views or "
                            "a group",
                            "ru": "Пытается влиять на других заключённых, вербовать их или давить на них в пользу "
                            "насильственных взглядов или группы",
                            "tg": "Кӯшиш мекунад, ки ба маҳбусони дигар таъсир расонад, онҳоро ба гурӯҳ ҷалб кунад "
                            "ё ба онҳо фишор оварад, то ақидаҳои ҷонибдори зӯровариро қабул кунанд",
                        },
                        "guidance": {
                            "en": "Rely on incident reports and specific observations. Leading prayer or teaching "
                            "religion with the administration's permission is not recruitment.",
                            "ru": "Опирайтесь на рапорты и конкретные наблюдения. Руководство молитвой или обучение "
                            "религии с разрешения администрации вербовкой не является.",
                            "tg": "Ба гузоришҳо ва мушоҳидаҳои мушаххас такя кунед. Имомат кардан дар намоз ё "
                            "таълими дин бо иҷозати маъмурият ҷалб кардан ба гурӯҳ ҳисобида намешавад.",
                        },
                    },
                    {
                        "code": "c5",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "women",
                        "text": {
                            "en": "Her children's situation is used to put pressure on her (children still in a "
                            "conflict zone or camp, or held by the group or by relatives who support it)",
                            "ru": "Положение её детей используется для давления на неё (дети остаются в зоне "
                            "конфликта или в лагере либо находятся у группы или у поддерживающих её родственников)",
                            "tg": "Вазъи фарзандонаш барои фишор овардан ба ӯ истифода мешавад (фарзандон ҳанӯз дар "
                            "минтақаи муноқиша ё урдугоҳ ҳастанд ё дар дасти гурӯҳ ё хешовандони тарафдори он "
                            "мебошанд)",
                        },
                        "guidance": {
                            "en": "Record for each child where they are, who cares for them and whether she has "
                            "contact (Bangkok Rule 3). Rate the pressure put on her, not her wish to be with her "
                            "children: that wish is a reason to cooperate and belongs in her plan and in the "
                            "protective domain (Bangkok Rules 40-41).",
                            "ru": "Для каждого ребёнка укажите, где он находится, кто о нём заботится и есть ли у "
                            "неё с ним связь (Бангкокское правило 3). Оценивайте давление на неё, а не её желание "
                            "быть с детьми: это желание — повод к сотрудничеству, и его место в её плане и в разделе "
                            "защитных факторов (Бангкокские правила 40–41).",
                            "tg": "Барои ҳар як фарзанд қайд кунед, ки ӯ дар куҷост, кӣ ӯро нигоҳубин мекунад ва оё "
                            "модар бо ӯ робита дорад (Қоидаи 3-и Бангкок). Фишореро, ки ба ӯ оварда мешавад, баҳо "
                            "диҳед, на хоҳиши ӯро бо фарзандонаш будан: ин хоҳиш сабаби ҳамкорӣ аст ва ҷояш дар "
                            "нақшаи ӯ ва дар бахши омилҳои ҳифзкунанда мебошад (Қоидаҳои Бангкок 40–41).",
                        },
                    },
                ],
            },
            {
                "code": "history",
                "is_protective": False,
                "name": {
                    "en": "History, action and capability",
                    "ru": "Прошлое, действия и возможности",
                    "tg": "Гузашта, амалҳо ва имкониятҳо",
                },
                "guidance": {
                    "en": "Use court decisions, the case file and verified information, and give the source of each "
                    "fact. Keep what was proven apart from what is alleged, and record the person's own account.",
                    "ru": "Используйте судебные решения, материалы дела и проверенные сведения и указывайте источник "
                    "каждого факта. Разделяйте доказанное и предполагаемое и записывайте собственные объяснения "
                    "человека.",
                    "tg": "Қарорҳои суд, маводи парванда ва маълумоти санҷидашударо истифода баред ва манбаи ҳар як "
                    "далелро нишон диҳед. Чизҳои исботшударо аз гумонҳо ҷудо кунед ва шарҳи худи шахсро қайд "
                    "кунед.",
                },
                "items": [
                    {
                        "code": "h1",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Past planning, support or use of violence for an ideological cause",
                            "ru": "Планирование, поддержка или применение насилия ради идеологических целей в "
                            "прошлом",
                            "tg": "Нақшакашӣ, дастгирӣ ё истифодаи зӯроварӣ барои мақсадҳои ғоявӣ дар гузашта",
                        },
                        "guidance": {
                            "en": "Describe the person's actual role: leading, carrying out, providing money or "
                            "shelter, or spreading propaganda. Membership of a banned organisation without violent "
                            "acts is rated lower than taking part in violence.",
                            "ru": "Опишите фактическую роль человека: руководство, исполнение, предоставление денег "
                            "или укрытия, распространение пропаганды. Членство в запрещённой организации без "
                            "насильственных действий оценивается ниже, чем участие в насилии.",
                            "tg": "Нақши воқеии шахсро тасвир кунед: роҳбарӣ, иҷро, додани пул ё паноҳгоҳ, паҳн "
                            "кардани таблиғот. Узвият дар ташкилоти манъшуда бе амалҳои зӯроварӣ нисбат ба иштирок "
                            "дар зӯроварӣ пасттар баҳо дода мешавад.",
                        },
                    },
                    {
                        "code": "h2",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Skills, training or means that could be used for violence (weapons or explosives "
                            "training, combat experience, funds, forged documents)",
                            "ru": "Навыки, подготовка или средства, которые могут быть использованы для насилия "
                            "(обучение обращению с оружием или взрывчаткой, боевой опыт, деньги, поддельные "
                            "документы)",
                            "tg": "Малака, омӯзиш ё воситаҳое, ки метавонанд барои зӯроварӣ истифода шаванд "
                            "(омӯзиши истифодаи силоҳ ё маводи тарканда, таҷрибаи ҷангӣ, маблағ, ҳуҷҷатҳои "
                            "қалбакӣ)",
                        },
                        "guidance": {
                            "en": "Rate capability that is documented or admitted, and note whether it is still "
                            "current. Ordinary military service is recorded but is not in itself evidence for this "
                            "item.",
                            "ru": "Оценивайте задокументированные или признанные возможности и отметьте, сохраняют "
                            "ли они актуальность. Обычная военная служба фиксируется, но сама по себе не "
                            "свидетельствует в пользу этого пункта.",
                            "tg": "Имкониятҳои ҳуҷҷатгузоришуда ё эътирофшударо баҳо диҳед ва қайд кунед, ки оё "
                            "онҳо ҳоло ҳам аҳамият доранд. Хизмати муқаррарии ҳарбӣ қайд карда мешавад, вале худ аз "
                            "худ далели ин банд нест.",
                        },
                    },
                    {
                        "code": "h3",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Time spent in an area of armed conflict, and how the person travelled there and "
                            "came back",
                            "ru": "Пребывание в зоне вооружённого конфликта и то, как человек туда попал и вернулся",
                            "tg": "Будубош дар минтақаи муноқишаи мусаллаҳона ва тарзи ба он ҷо рафтан ва "
                            "баргаштани шахс",
                        },
                        "guidance": {
                            "en": "Record dates, places and circumstances: alone or with family, by own decision or "
                            "under pressure, returned independently or through state repatriation. Time in a "
                            "conflict zone is a fact to be understood, not a high rating in itself; many returnees, "
                            "especially women and children, were taken there or could not leave.",
                            "ru": "Укажите даты, места и обстоятельства: один или с семьёй, по своему решению или "
                            "под давлением, вернулся самостоятельно или в рамках государственной репатриации. "
                            "Пребывание в зоне конфликта — факт, который нужно понять, а не высокая оценка сама по "
                            "себе; многие вернувшиеся, особенно женщины и дети, были увезены туда или не могли "
                            "уехать.",
                            "tg": "Санаҳо, ҷойҳо ва ҳолатҳоро қайд кунед: танҳо ё бо оила, бо қарори худ ё зери "
                            "фишор, мустақилона баргаштааст ё дар доираи баргардонидани давлатӣ. Будубош дар "
                            "минтақаи муноқиша воқеияте аст, ки бояд фаҳмида шавад, на худ аз худ баҳои баланд; "
                            "бисёре аз баргаштагон, махсусан занон ва кӯдакон, ба он ҷо бурда шуда буданд ё "
                            "баромада наметавонистанд.",
                        },
                    },
                    {
                        "code": "h4",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "The person's role and activities while in the conflict zone",
                            "ru": "Роль и занятия человека во время пребывания в зоне конфликта",
                            "tg": "Нақш ва фаъолияти шахс ҳангоми будубош дар минтақаи муноқиша",
                        },
                        "guidance": {
                            "en": "Distinguish fighting, training, enforcement or recruitment from domestic, medical "
                            "or other civilian life. Rely on court findings and specific information, not on "
                            "assumptions from the person's sex or family ties, and record the person's own account "
                            "alongside.",
                            "ru": "Отличайте участие в боевых действиях, обучение, карательные функции или вербовку "
                            "от домашней, медицинской или иной гражданской жизни. Опирайтесь на выводы суда и "
                            "конкретные сведения, а не на предположения, основанные на поле или родственных связях "
                            "человека, и приводите рядом его собственные объяснения.",
                            "tg": "Иштирок дар ҷанг, омӯзиш, вазифаҳои ҷазодиҳӣ ё ҷалби одамонро аз ҳаёти "
                            "хонаводагӣ, тиббӣ ё дигар ҳаёти осоишта фарқ кунед. Ба хулосаҳои суд ва маълумоти "
                            "мушаххас такя кунед, на ба тахминҳо дар асоси ҷинс ё робитаҳои хешутаборӣ, ва дар "
                            "баробари он шарҳи худи шахсро қайд кунед.",
                        },
                    },
                    {
                        "code": "h5",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "women",
                        "text": {
                            "en": "Effects of past victimisation that leave her open to renewed pressure or "
                            "exploitation (violence, abuse, forced or early marriage, trafficking, including by her "
                            "husband, her family or the group)",
                            "ru": "Последствия пережитого насилия, делающие её уязвимой для нового давления или "
                            "эксплуатации (насилие, жестокое обращение, принудительный или ранний брак, торговля "
                            "людьми — в том числе со стороны мужа, семьи или группы)",
                            "tg": "Оқибатҳои зӯроварии аз сар гузаронидашуда, ки ӯро дар назди фишор ё истисмори нав "
                            "осебпазир мегардонанд (зӯроварӣ, муносибати бераҳмона, издивоҷи маҷбурӣ ё барвақтӣ, "
                            "савдои одамон, аз ҷумла аз ҷониби шавҳар, оила ё гурӯҳ)",
                        },
                        "guidance": {
                            "en": "Ask in private, by a woman member of staff where possible, and use medical and "
                            "social records; never ask about abuse in front of relatives or other prisoners. A "
                            "history of victimisation calls for support and protection (Bangkok Rules 40-41) and "
                            "must not by itself raise the overall judgement or lead to a harsher regime.",
                            "ru": "Спрашивайте наедине, по возможности силами сотрудницы, и используйте медицинские "
                            "и социальные документы; никогда не спрашивайте о насилии в присутствии родственников "
                            "или других заключённых. Пережитое насилие требует поддержки и защиты (Бангкокские "
                            "правила 40–41) и само по себе не должно повышать итоговое суждение или вести к более "
                            "строгому режиму.",
                            "tg": "Дар танҳоӣ, то ҳадди имкон ба воситаи корманди зан, пурсед ва ҳуҷҷатҳои тиббӣ ва "
                            "иҷтимоиро истифода баред; ҳеҷ гоҳ дар бораи зӯроварӣ дар ҳузури хешовандон ё маҳбусони "
                            "дигар напурсед. Зӯроварии аз сар гузаронидашуда дастгирӣ ва ҳифзро талаб мекунад "
                            "(Қоидаҳои Бангкок 40–41) ва худ аз худ набояд хулосаи умумиро баланд бардорад ё ба "
                            "низоми сахттар оварда расонад.",
                        },
                    },
                ],
            },
            {
                "code": "commitment",
                "is_protective": False,
                "name": {
                    "en": "Commitment and motivation",
                    "ru": "Приверженность и мотивация",
                    "tg": "Садоқат ва ангеза",
                },
                "guidance": {
                    "en": "Consider why the person became involved and what keeps them involved. Needs such as "
                    "belonging, purpose, protection or income can also be met lawfully; record them for the "
                    "rehabilitation plan.",
                    "ru": "Рассмотрите, почему человек оказался вовлечён и что его удерживает. Такие потребности, "
                    "как принадлежность, смысл, защита или доход, можно удовлетворить и законным путём; запишите их "
                    "для плана реабилитации.",
                    "tg": "Баррасӣ кунед, ки чаро шахс ҷалб шуд ва чӣ ӯро дар ин роҳ нигоҳ медорад. Эҳтиёҷҳоро ба "
                    "монанди мансубият, маънои зиндагӣ, ҳимоя ё даромад бо роҳи қонунӣ низ қонеъ гардондан мумкин "
                    "аст; онҳоро барои нақшаи барқарорсозӣ қайд кунед.",
                },
                "items": [
                    {
                        "code": "m1",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "The person's sense of who they are is built around the group or cause, leaving "
                            "little room for other roles (family member, worker, neighbour)",
                            "ru": "Самоощущение человека строится вокруг группы или идеи и почти не оставляет места "
                            "для других ролей (член семьи, работник, сосед)",
                            "tg": "Худшиносии шахс дар атрофи гурӯҳ ё ғоя сохта шудааст ва барои нақшҳои дигар "
                            "(аъзои оила, корманд, ҳамсоя) қариб ҷой намегузорад",
                        },
                        "guidance": {
                            "en": "Look at how the person describes themselves and what they talk about. Growing "
                            "interest in family, study or work is a sign of change and should be noted.",
                            "ru": "Обратите внимание на то, как человек описывает себя и о чём говорит. Растущий "
                            "интерес к семье, учёбе или работе — признак перемен, его следует отметить.",
                            "tg": "Ба он диққат диҳед, ки шахс худро чӣ гуна тасвир мекунад ва дар бораи чӣ суҳбат "
                            "мекунад. Таваҷҷуҳи афзоянда ба оила, таҳсил ё кор нишонаи тағйирот аст ва бояд қайд "
                            "карда шавад.",
                        },
                    },
                    {
                        "code": "m2",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "The group or cause meets strong needs for belonging, status, meaning or "
                            "excitement that the person has no other way of meeting",
                            "ru": "Группа или идея удовлетворяет сильные потребности в принадлежности, статусе, "
                            "смысле или острых ощущениях, которые человеку больше нечем удовлетворить",
                            "tg": "Гурӯҳ ё ғоя эҳтиёҷҳои шадиди шахсро ба мансубият, мақом, маъно ё ҳаяҷон қонеъ "
                            "мегардонад, ки ӯ роҳи дигари қонеъ гардондани онҳоро надорад",
                        },
                        "guidance": {
                            "en": "Identify which needs the group meets and whether lawful alternatives exist (work, "
                            "study, a role in the family, sport, community). The rating falls as such alternatives "
                            "grow.",
                            "ru": "Определите, какие потребности удовлетворяет группа и есть ли законные "
                            "альтернативы (работа, учёба, роль в семье, спорт, община). Оценка снижается по мере "
                            "появления таких альтернатив.",
                            "tg": "Муайян кунед, ки гурӯҳ кадом эҳтиёҷҳоро қонеъ мегардонад ва оё имкониятҳои дигари "
                            "қонунӣ (кор, таҳсил, нақш дар оила, варзиш, ҷамоат) вуҷуд доранд. Бо пайдо шудани "
                            "чунин имкониятҳо баҳо паст мешавад.",
                        },
                    },
                    {
                        "code": "m3",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "all",
                        "text": {
                            "en": "Readiness to make serious personal sacrifices for the cause, including loss of "
                            "freedom, family or life",
                            "ru": "Готовность к серьёзным личным жертвам ради идеи, включая потерю свободы, семьи или "
                            "жизни",
                            "tg": "Омодагӣ ба қурбониҳои ҷиддии шахсӣ барои ғоя, аз ҷумла аз даст додани озодӣ, "
                            "оила ё ҳаёт",
                        },
                        "guidance": {
                            "en": "Rate on the person's statements and conduct, for example praising death for the "
                            "cause or cutting off family for its sake. Religious beliefs about the afterlife are not "
                            "evidence for this item.",
                            "ru": "Оценивайте по высказываниям и поведению человека, например восхвалению гибели "
                            "ради идеи или разрыву с семьёй ради неё. Религиозные представления о загробной жизни "
                            "доказательством по этому пункту не являются.",
                            "tg": "Дар асоси гуфтаҳо ва рафтори шахс баҳо диҳед, масалан ситоиш кардани марг барои "
                            "ғоя ё қатъ кардани робита бо оила ба хотири он. Ақидаҳои динӣ дар бораи охират далели "
                            "ин банд нестанд.",
                        },
                    },
                    {
                        "code": "m4",
                        "scale": "lmh",
                        "factor": "risk",
                        "applies_to": "women",
                        "text": {
                            "en": "Her own commitment to the group or cause, as distinct from coercion, control or "
                            "dependence on her husband, family members or the group (for example, she travelled or "
                            "acted under pressure)",
                            "ru": "Её собственная приверженность группе или идее в отличие от принуждения, контроля "
                            "или зависимости от мужа, родственников или группы (например, она выехала или "
                            "действовала под давлением)",
                            "tg": "Садоқати худи ӯ ба гурӯҳ ё ғоя, ба фарқ аз маҷбуркунӣ, назорат ё вобастагӣ аз "
                            "шавҳар, хешовандон ё гурӯҳ (масалан, ӯ зери фишор сафар кардааст ё амал намудааст)",
                        },
                        "guidance": {
                            "en": "Where she travelled, married or acted mainly under pressure, threats or economic "
                            "dependence, rate lower and record the evidence. Assume neither that a woman was only a "
                            "victim nor that she shares her husband's views (Bangkok Rules 40-41); ask her in "
                            "private how the decisions were made.",
                            "ru": "Если она выехала, вышла замуж или действовала главным образом под давлением, из-за "
                            "угроз или экономической зависимости, ставьте оценку ниже и записывайте подтверждающие "
                            "сведения. Не исходите ни из того, что женщина была лишь жертвой, ни из того, что она "
                            "разделяет взгляды мужа (Бангкокские правила 40–41); спросите её наедине, как "
                            "принимались решения.",
                            "tg": "Агар ӯ асосан зери фишор, таҳдид ё вобастагии иқтисодӣ сафар карда, ба шавҳар "
                            "баромада ё амал карда бошад, баҳоро пасттар гузоред ва далелҳоро қайд кунед. Пешакӣ "
                            "гумон накунед, ки зан танҳо қурбонӣ буд ё ақидаҳои шавҳарашро дорад (Қоидаҳои Бангкок "
                            "40–41); дар танҳоӣ аз ӯ пурсед, ки қарорҳо чӣ тавр қабул шуда буданд.",
                        },
                    },
                ],
            },
            {
                "code": "protective",
                "is_protective": True,
                "name": {
                    "en": "Protective factors",
                    "ru": "Защитные факторы",
                    "tg": "Омилҳои ҳифзкунанда",
                },
                "guidance": {
                    "en": "Rate protective factors with the same care as risk factors, from specific evidence. "
                    "'Present' means the factor is clearly there and active; record in the plan what would "
                    "strengthen it.",
                    "ru": "Оценивайте защитные факторы так же тщательно, как факторы риска, на основе конкретных "
                    "сведений. «Присутствует» означает, что фактор явно есть и действует; запишите в плане, что "
                    "может его укрепить.",
                    "tg": "Омилҳои ҳифзкунандаро бо ҳамон диққате, ки омилҳои хавфро, дар асоси далелҳои мушаххас "
                    "баҳо диҳед. «Мавҷуд» маънои онро дорад, ки омил равшан вуҷуд дорад ва амал мекунад; дар нақша "
                    "қайд кунед, ки чӣ онро тақвият дода метавонад.",
                },
                "items": [
                    {
                        "code": "p1",
                        "scale": "pa",
                        "factor": "protective",
                        "applies_to": "all",
                        "text": {
                            "en": "Rejects violence and can explain the reasons in their own words",
                            "ru": "Отвергает насилие и может своими словами объяснить почему",
                            "tg": "Зӯровариро рад мекунад ва сабабҳои онро бо суханони худ шарҳ дода метавонад",
                        },
                        "guidance": {
                            "en": "Look for a position held consistently over time, in interviews and in conduct, "
                            "not a single statement. A rejection expressed in religious terms counts as fully as any "
                            "other.",
                            "ru": "Ищите позицию, последовательную во времени — в беседах и в поведении, а не "
                            "единичное заявление. Отказ от насилия, выраженный в религиозных понятиях, учитывается "
                            "наравне с любым другим.",
                            "tg": "Мавқеи пайвастаро дар тӯли вақт — дар суҳбатҳо ва дар рафтор — ҷустуҷӯ кунед, на "
                            "изҳороти якдафъаинаро. Рад кардани зӯроварӣ, ки бо мафҳумҳои динӣ баён шудааст, "
                            "баробари ҳар гуна радди дигар ба ҳисоб гирифта мешавад.",
                        },
                    },
                    {
                        "code": "p2",
                        "scale": "pa",
                        "factor": "protective",
                        "applies_to": "all",
                        "text": {
                            "en": "Supportive relationships with family members, friends, or community or religious "
                            "figures who reject violence",
                            "ru": "Поддерживающие отношения с родственниками, друзьями, представителями общины или "
                            "религиозными деятелями, которые отвергают насилие",
                            "tg": "Муносибатҳои дастгирикунанда бо аъзои оила, дӯстон, намояндагони ҷамоат ё "
                            "ходимони динӣ, ки зӯровариро рад мекунанд",
                        },
                        "guidance": {
                            "en": "Record who the people are and how often there is contact (visits, calls, "
                            "letters). Help to keep or restore these ties belongs in the plan.",
                            "ru": "Укажите, кто эти люди и как часто происходит общение (свидания, звонки, письма). "
                            "Помощь в сохранении или восстановлении этих связей включается в план.",
                            "tg": "Қайд кунед, ки ин одамон киҳоянд ва робита то чӣ андоза зуд-зуд сурат мегирад "
                            "(вохӯриҳо, зангҳо, мактубҳо). Кӯмак барои нигоҳ доштан ё барқарор кардани ин робитаҳо ба "
                            "нақша ворид карда мешавад.",
                        },
                    },
                    {
                        "code": "p3",
                        "scale": "pa",
                        "factor": "protective",
                        "applies_to": "all",
                        "text": {
                            "en": "Takes part in good faith in education, work, programmes or religious dialogue",
                            "ru": "Добросовестно участвует в обучении, работе, программах или религиозном диалоге",
                            "tg": "Бо виҷдон дар таҳсил, кор, барномаҳо ё муколамаи динӣ иштирок мекунад",
                        },
                        "guidance": {
                            "en": "Use attendance records and reports from the staff who run the activity, and rate "
                            "the quality of engagement, not only attendance. Where no place has been offered, rate "
                            "'not known' rather than 'absent'.",
                            "ru": "Используйте учёт посещаемости и отзывы сотрудников, ведущих занятия, и оценивайте "
                            "качество участия, а не только посещаемость. Если место в программе не предлагалось, "
                            "отметьте «неизвестно», а не «отсутствует».",
                            "tg": "Сабти иштирок ва гузоришҳои кормандонеро, ки машғулиятҳоро мегузаронанд, "
                            "истифода баред ва на танҳо ҳозиршавӣ, балки сифати иштирокро баҳо диҳед. Агар ба шахс "
                            "ҷой дар барнома пешниҳод нашуда бошад, «маълум нест»-ро қайд кунед, на «мавҷуд нест»-ро.",
                        },
                    },
                    {
                        "code": "p4",
                        "scale": "pa",
                        "factor": "protective",
                        "applies_to": "all",
                        "text": {
                            "en": "Realistic plans and hopes for a lawful life after release (work, housing, family, "
                            "study)",
                            "ru": "Реалистичные планы и надежды на законопослушную жизнь после освобождения "
                            "(работа, жильё, семья, учёба)",
                            "tg": "Нақшаҳо ва умедҳои воқеӣ барои ҳаёти қонунӣ пас аз озодшавӣ (кор, манзил, оила, "
                            "таҳсил)",
                        },
                        "guidance": {
                            "en": "Check whether the plans have practical support behind them, such as a family "
                            "willing to receive the person or an offer of work. Plans that depend on returning to "
                            "the same network count for less.",
                            "ru": "Проверьте, есть ли у планов практическая опора: например, семья, готовая принять "
                            "человека, или предложение работы. Планы, связанные с возвращением в прежнее окружение, "
                            "весят меньше.",
                            "tg": "Санҷед, ки оё нақшаҳо такягоҳи амалӣ доранд: масалан, оилае, ки омода аст шахсро "
                            "қабул кунад, ё пешниҳоди кор. Нақшаҳое, ки ба бозгашт ба ҳамон муҳити пешина "
                            "вобастаанд, камтар вазн доранд.",
                        },
                    },
                    {
                        "code": "p5",
                        "scale": "pa",
                        "factor": "protective",
                        "applies_to": "women",
                        "text": {
                            "en": "Caring responsibilities for her children and the wish to care for them after "
                            "release",
                            "ru": "Обязанности по уходу за детьми и желание заботиться о них после освобождения",
                            "tg": "Масъулияти нигоҳубини фарзандонаш ва хоҳиши пас аз озодшавӣ ғамхорӣ кардан дар "
                            "бораи онҳо",
                        },
                        "guidance": {
                            "en": "Her role as a mother is a strength to build on: rate it present where she wishes "
                            "to care for her children and their welfare allows (Bangkok Rules 40-41). Do not treat "
                            "her ties to her children or family only as a channel for risk; where relatives support "
                            "a violent group, record that under the social-context items.",
                            "ru": "Её роль матери — опора, на которую можно строить работу: отметьте фактор как "
                            "присутствующий, если она хочет заботиться о детях и это отвечает их благополучию "
                            "(Бангкокские правила 40–41). Не рассматривайте её связи с детьми или семьёй только как "
                            "источник риска; если родственники поддерживают насильственную группу, отразите это в "
                            "пунктах о социальном окружении.",
                            "tg": "Нақши ӯ ҳамчун модар қуввате аст, ки ба он такя кардан мумкин аст: агар ӯ хоҳад, "
                            "ки фарзандонашро нигоҳубин кунад ва ин ба манфиати онҳо бошад, омилро «мавҷуд» қайд "
                            "кунед (Қоидаҳои Бангкок 40–41). Робитаҳои ӯро бо фарзандон ё оила танҳо ҳамчун манбаи "
                            "хавф баррасӣ накунед; агар хешовандон гурӯҳи зӯроварро дастгирӣ кунанд, инро дар "
                            "бандҳои муҳити иҷтимоӣ қайд кунед.",
                        },
                    },
                ],
            },
        ],
    },
]
