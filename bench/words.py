"""Word lists the corpus generator draws from: titles, sentences, lists, headings.

Nothing here is random; ``bench.content`` combines these with a seeded ``random.Random``.
Headings that must *not* name a known section (unknown sections, skill groups, case-study
titles) are checked against ``pipeline.sections.classify`` by the tests.
"""

from __future__ import annotations

# -- titles: seniority x specialty x role ------------------------------------------------
SENIORITY = ("", "", "", "Junior", "Senior", "Lead", "Principal", "Associate", "Staff", "Chief", "Regional", "Field")
SPECIALTIES = (
    "Data", "Clinical", "Cloud", "Payroll", "Marketing", "Supply Chain", "Logistics", "Compliance", "Security",
    "Network", "Quality Assurance", "Medical Records", "Pharmacy", "Laboratory", "Environmental", "Energy",
    "Solar", "Wind Turbine", "Construction", "Civil", "Structural", "Mechanical", "Electrical", "Biomedical",
    "Financial", "Tax", "Insurance", "Claims", "Underwriting", "Risk", "Procurement", "Inventory", "Warehouse",
    "Retail", "Hospitality", "Event", "Content", "Social Media", "Brand", "Product", "UX", "Graphic", "Web",
    "Mobile", "Game", "Database", "Systems", "DevOps", "Machine Learning", "Research", "Policy", "Grants",
    "Fundraising", "Education", "Curriculum", "Library", "Museum", "Archive", "Legal", "Paralegal",
    "Contracts", "Real Estate", "Property", "Facilities", "Fleet", "Aviation", "Maritime", "Rail", "Transit",
    "Agricultural", "Veterinary", "Dental", "Nursing", "Rehabilitation", "Nutrition", "Fitness", "Public Health",
    "Epidemiology", "Geospatial", "Survey", "Traffic", "Water Resources", "Recycling", "Customer Success",
    "Sales", "Account", "Recruitment", "Talent", "Training", "Benefits", "Compensation", "Localization",
    "Translation", "Publishing", "Broadcast", "Audio", "Video", "Photography", "Forensic", "Emergency",
)  # fmt: skip
ROLES = (
    "Analyst", "Engineer", "Technician", "Coordinator", "Specialist", "Manager", "Consultant", "Designer",
    "Developer", "Administrator", "Officer", "Auditor", "Planner", "Scientist", "Architect", "Advisor",
    "Assistant", "Inspector", "Supervisor", "Strategist", "Producer", "Editor", "Writer", "Researcher",
    "Operator", "Estimator", "Controller", "Director", "Therapist", "Instructor", "Associate", "Liaison",
    "Examiner", "Investigator", "Programmer", "Trainer", "Scheduler", "Buyer", "Representative", "Steward",
)  # fmt: skip
TIER_LEVELS = (
    ("Junior", "Entry-Level", "Trainee", "Associate"),
    ("", "Mid-Level", "Intermediate"),
    ("Senior", "Experienced"),
    ("Lead", "Principal"),
    ("Head of", "Director of"),
    ("Chief", "Executive"),
)

# -- prose -------------------------------------------------------------------------------
SUBJECTS = (
    "Most {plural}", "Experienced {plural}", "Many employers", "Hiring managers", "Teams in this field",
    "Newcomers to the role", "Larger organisations", "Smaller firms", "Professional bodies", "Recruiters",
    "Senior practitioners", "Training providers", "Industry surveys", "Day-to-day operations", "Good managers",
)  # fmt: skip
VERBS = (
    "rely on", "value", "depend on", "look for", "invest in", "expect", "reward", "build on", "prioritise",
    "encourage", "measure", "review", "document", "support", "streamline", "standardise", "question",
    "track", "compare", "audit",
)  # fmt: skip
OBJECTS = (
    "accurate {spec} records", "clear written communication", "reliable reporting", "careful planning",
    "hands-on experience with {tool}", "a solid grasp of {topic}", "steady attention to detail",
    "well-documented {spec} workflows", "cross-team collaboration", "practical problem solving",
    "formal certification", "structured onboarding", "consistent quality checks", "regular feedback",
    "current knowledge of {topic}", "safe working practices", "measurable results", "ongoing training",
    "good relationships with stakeholders", "modern tooling such as {tool}", "clean handovers between shifts",
    "evidence-based decisions", "realistic deadlines", "budget awareness", "customer empathy",
)  # fmt: skip
CONTEXTS = (
    "across departments", "in fast-moving environments", "when deadlines are tight", "throughout the year",
    "in regulated settings", "during audits and reviews", "as the organisation grows",
    "in both public and private sectors", "when priorities change", "from the first week on the job",
    "in remote and hybrid teams", "alongside technical specialists", "at every stage of a project",
    "in international organisations", "during peak seasons", "under changing regulations",
)  # fmt: skip
CLOSERS = (
    "This makes the work both demanding and rewarding.",
    "That balance is what keeps the role interesting over time.",
    "The result is steady demand for people who can do the job well.",
    "Small errors can have large consequences, so precision matters.",
    "Those who enjoy learning tend to progress quickly.",
    "It is a good fit for people who like structure and variety in equal measure.",
    "Employers notice candidates who can explain their reasoning clearly.",
    "Few days look exactly the same, which many people enjoy.",
    "Strong habits formed early pay off for years.",
    "Patience and curiosity are as important as technical skill.",
)  # fmt: skip
TOPICS = (
    "industry regulations", "data privacy rules", "budgeting", "risk management", "project scheduling",
    "quality standards", "health and safety law", "contract terms", "statistical methods", "reporting tools",
    "procurement rules", "accessibility guidelines", "version control", "customer research", "ethics codes",
    "environmental standards", "sampling methods", "documentation practices", "change management",
)  # fmt: skip
TOOLS = (
    "Microsoft Excel", "Google Sheets", "Tableau", "Power BI", "SQL", "Python", "R", "Jira", "Confluence",
    "Salesforce", "SAP", "Oracle", "Workday", "AutoCAD", "Revit", "ArcGIS", "QGIS", "MATLAB", "SPSS",
    "Adobe Photoshop", "Adobe Illustrator", "Figma", "Sketch", "HubSpot", "Zendesk", "ServiceNow", "Slack",
    "Microsoft Teams", "Asana", "Trello", "Git", "Docker", "Kubernetes", "AWS", "Azure", "Google Cloud",
    "Epic", "Cerner", "QuickBooks", "Xero", "NetSuite", "SolidWorks", "LabVIEW", "Primavera P6",
    "Microsoft Project", "Notion", "Airtable", "Looker", "Snowflake", "dbt", "Premiere Pro", "Final Cut Pro",
)  # fmt: skip
TOOL_SUFFIXES = ("", "", "", " (e.g., {a}, {b})", " and related add-ons", " reporting modules", " integrations")

# -- list items --------------------------------------------------------------------------
ITEM_VERBS = (
    "Review", "Prepare", "Coordinate", "Maintain", "Analyze", "Design", "Document", "Monitor", "Support",
    "Train", "Audit", "Develop", "Evaluate", "Negotiate", "Schedule", "Communicate", "Track", "Implement",
    "Update", "Report on", "Plan", "Inspect", "Test", "Organise", "Present", "Reconcile", "Forecast",
    "Respond to", "Investigate", "Improve",
)  # fmt: skip
ITEM_OBJECTS = (
    "{spec} records", "{spec} workflows", "client requests", "project budgets", "weekly status reports",
    "supplier contracts", "incident logs", "quality metrics", "training materials", "stakeholder feedback",
    "compliance checklists", "inventory levels", "service tickets", "safety procedures", "data exports",
    "team schedules", "technical documentation", "cost estimates", "process maps", "performance dashboards",
    "{spec} standards", "internal audits", "vendor performance", "onboarding plans", "risk registers",
)  # fmt: skip
ITEM_PURPOSES = (
    "to ensure accuracy", "for senior stakeholders", "across teams", "in line with company policy",
    "before each deadline", "using {tool}", "to reduce errors", "with minimal supervision",
    "to meet regulatory requirements", "for internal and external clients", "on a daily basis",
    "to support decision-making", "as priorities shift", "during busy periods", "with other departments",
)  # fmt: skip
TECH_SKILL_FORMS = (
    "Proficiency in {tool}", "Working knowledge of {topic}", "Experience with {tool}", "Understanding of {topic}",
    "Advanced {tool} skills", "Familiarity with {topic}", "Data analysis using {tool}", "Reporting in {tool}",
)  # fmt: skip
SOFT_SKILLS = (
    "Attention to detail", "Clear communication", "Time management", "Problem-solving", "Teamwork",
    "Adaptability", "Critical thinking", "Empathy", "Patience", "Negotiation", "Leadership", "Curiosity",
    "Resilience", "Organisation", "Active listening", "Conflict resolution", "Presentation skills",
    "Customer focus", "Ethical judgment", "Self-motivation", "Decision-making", "Prioritisation",
    "Written communication", "Stakeholder management", "Creativity", "Mentoring", "Discretion", "Reliability",
)  # fmt: skip
PRO_FORMS = (
    "Steady demand for skilled {plural} in many regions.", "Clear progression from junior to senior roles.",
    "Work that makes a visible difference to {spec} outcomes.", "Opportunities to specialise in {topic}.",
    "Regular hours in most organisations.", "Transferable skills that open doors in other fields.",
    "Good pay relative to the training required.", "Plenty of options for remote or hybrid work.",
    "Varied tasks that keep the job interesting.", "Strong professional communities and events.",
)  # fmt: skip
CON_FORMS = (
    "Deadlines can create periods of intense pressure.", "Repetitive tasks during quiet periods.",
    "Keeping up with changes in {topic} takes ongoing effort.", "Limited recognition for behind-the-scenes work.",
    "Certification costs are often paid by the employee.", "Some roles require evening or weekend cover.",
    "Errors can have financial or legal consequences.", "Workloads vary sharply between employers.",
    "Career progress may require a move into management.", "Tools and systems differ from one employer to the next.",
)  # fmt: skip
MISTAKE_FORMS = (
    "Underestimating the importance of {topic}.", "Skipping documentation when deadlines are tight.",
    "Not asking questions early enough.", "Relying on a single tool such as {tool} for everything.",
    "Ignoring feedback from experienced colleagues.", "Taking on too many tasks at once.",
    "Neglecting continued education in {topic}.", "Failing to double-check {spec} records.",
    "Overlooking the needs of end users.", "Treating certification as the end of learning.",
)  # fmt: skip
ADVICE_FORMS = (
    "Build a habit of documenting your work in {tool}.", "Find a mentor who has worked as a senior {role}.",
    "Join a professional association for {spec} practitioners.", "Keep a record of measurable achievements.",
    "Learn the basics of {topic} before your first interview.", "Volunteer for projects outside your comfort zone.",
    "Review industry news every week.", "Ask for feedback after every major deliverable.",
    "Practise explaining technical ideas in plain words.", "Plan your certifications a year ahead.",
)  # fmt: skip

# -- headings ----------------------------------------------------------------------------
UNKNOWN_HEADINGS = (
    "Office Culture Notes", "Professional Associations", "Typical Employers", "Certifications Worth Having",
    "Licensing Requirements", "Negotiating Your Offer", "Remote Work Considerations", "Interview Preparation",
    "Volunteer Opportunities", "Unions and Representation", "Physical Demands", "Travel Expectations",
    "Freelance Options", "Notable Conferences", "Further Reading Ideas",
)  # fmt: skip
SKILL_GROUPS = (
    "Foundational Skills", "Advanced Technical Skills", "Professional & Software Skills", "Leadership Skills",
    "Domain Knowledge", "Core Competencies", "Emerging Skills", "Analytical Abilities", "Interpersonal Strengths",
    "Digital Literacy", "Specialist Knowledge",
)  # fmt: skip
CASE_OPENERS = (
    "Streamlining", "Modernising", "Rebuilding", "Automating", "Scaling", "Auditing", "Reorganising",
    "Digitising", "Rescuing", "Consolidating",
)  # fmt: skip
CASE_PLACES = (
    "a Regional Hospital", "a Mid-Sized Retailer", "a City Council", "a Logistics Start-Up", "a University",
    "a Manufacturing Plant", "a Non-Profit", "a Global Bank", "a Family Business", "a Public Library",
    "an Energy Utility", "a Software Company",
)  # fmt: skip
FOCUS_FORMS = (
    "Planning and Prioritising", "Reviewing {spec} Records", "Meetings and Coordination", "Deep Work",
    "Reporting and Follow-Up", "Training and Development", "Quality Checks", "Client Requests",
    "Documentation", "Wrap-Up and Handover",
)  # fmt: skip
FAQ_FORMS = (
    "What does a {title} do?", "How long does it take to become a {title}?", "Is {title} a good career choice?",
    "What’s the average salary for a {title}?", "What's the typical salary range for a {title}?",
    "Can a {title} work remotely?", "Do {plural} need a degree?", "Which certifications help a {title}?",
    "What tools does a {title} use every day?", "How stressful is the job of a {title}?",
    "Where do {plural} usually work?", "What is the next step after working as a {title}?",
    "Is there demand for {plural} outside the US?", "How do {plural} keep their skills current?",
)  # fmt: skip
SOURCES = (
    "U.S. Bureau of Labor Statistics", "O*NET OnLine", "https://www.bls.gov/ooh/", "National Careers Service",
    "Eurostat Labour Market Statistics", "Glassdoor salary reports", "LinkedIn Workforce Report",
    "Professional association salary survey",
)  # fmt: skip
OUTLOOK_STATUS = (
    "Growing faster than average", "Growing about as fast as average", "Stable", "Declining slowly",
    "Growing much faster than average",
)  # fmt: skip
DEMAND_VALUES = ("Low", "Moderate", "High", "High", "Very High")
STRESS_VALUES = ("Low", "Moderate", "Moderate", "High", "Very High")
BALANCE_VALUES = ("Poor", "Fair", "Good", "Good", "Excellent", "Challenging")
# (currency, country, symbol): CAD/AUD/NZD use "$", so their headings always name the currency.
CURRENCIES = (
    ("USD", "US", "$"), ("USD", "US", "$"), ("USD", "US", "$"), ("EUR", "DE", "€"), ("EUR", "FR", "€"),
    ("GBP", "UK", "£"), ("CAD", "CA", "$"), ("AUD", "AU", "$"),
)  # fmt: skip
FLAGS = {"US": "🇺🇸", "DE": "🇩🇪", "FR": "🇫🇷", "UK": "🇬🇧", "CA": "🇨🇦", "AU": "🇦🇺"}
